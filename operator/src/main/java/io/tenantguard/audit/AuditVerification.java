package io.tenantguard.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether an audit file's chain holds: every line is an audit line whose {@code prev} is the SHA-256
 * of the line before it, or starts a new chain. The first line that does not is where it broke, and
 * its {@code seq} against the one before tells a removal from an edit.
 *
 * @param lines how many lines were read (up to the break, if any)
 * @param chainStarts the lines that start a new chain (the first line, usually)
 * @param resumed the lines where a restarted operator continued the chain
 * @param brokenAt the first line that breaks the chain, or 0 when it holds
 * @param problem what is wrong at that line, or null
 */
public record AuditVerification(
    long lines, List<Long> chainStarts, List<Long> resumed, String firstTime, String lastTime, long brokenAt,
    String problem) {

  public boolean holds() {
    return brokenAt == 0;
  }

  public static AuditVerification of(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return of(reader);
    }
  }

  static AuditVerification of(BufferedReader reader) throws IOException {
    List<Long> chainStarts = new ArrayList<>();
    List<Long> resumed = new ArrayList<>();
    String firstTime = null;
    String lastTime = null;
    String previousText = null;
    long previousSeq = -1;
    long number = 0;
    for (String text = reader.readLine(); text != null; text = reader.readLine()) {
      number++;
      JsonNode line = AuditTrail.parse(text);
      String problem = line == null
          ? "line " + number + " is not an audit line (a JSON object with seq and prev): it was edited, or cut short"
              + " by a crash"
          : linkProblem(number, line, previousText, previousSeq);
      if (problem != null) {
        return new AuditVerification(number, chainStarts, resumed, firstTime, lastTime, number, problem);
      }
      if (AuditTrail.NO_PREVIOUS.equals(line.get("prev").asText())) {
        chainStarts.add(number);
      } else if (AuditTrail.RESUMED.equals(line.path("outcome").asText())) {
        resumed.add(number);
      }
      firstTime = firstTime == null ? line.path("time").asText() : firstTime;
      lastTime = line.path("time").asText();
      previousText = text;
      previousSeq = line.get("seq").asLong();
    }
    if (number == 0) {
      return new AuditVerification(0, chainStarts, resumed, null, null, 1, "the file holds no audit line");
    }
    return new AuditVerification(number, chainStarts, resumed, firstTime, lastTime, 0, null);
  }

  /** What is wrong with the link from the line before to this one, or null when it holds. */
  private static String linkProblem(long number, JsonNode line, String previousText, long previousSeq) {
    String prev = line.get("prev").asText();
    if (AuditTrail.NO_PREVIOUS.equals(prev)) {
      return null;
    }
    if (previousText == null) {
      return "line 1 continues a chain whose earlier lines are not in this file: lines were removed from its"
          + " beginning, or the file was split (verify the parts joined in order)";
    }
    if (prev.equals(AuditTrail.sha256(previousText))) {
      return null;
    }
    long seq = line.get("seq").asLong();
    long expected = previousSeq + 1;
    if (seq == expected) {
      return "line " + (number - 1) + " was changed after line " + number + " was written: line " + number
          + " carries the SHA-256 of another line " + (number - 1);
    }
    if (seq > expected) {
      return (seq - expected == 1 ? "a line was" : (seq - expected) + " lines were") + " removed between line "
          + (number - 1) + " and line " + number + ": seq " + expected
          + (seq - expected == 1 ? "" : " to " + (seq - 1)) + " missing";
    }
    return "line " + number + " does not follow line " + (number - 1) + " (seq goes from " + previousSeq + " to "
        + seq + "): lines were moved, copied or edited";
  }

  /** One paragraph a person reads. */
  public String describe(String name) {
    if (!holds()) {
      return name + ": the audit chain is broken at line " + brokenAt + ": " + problem
          + (brokenAt > 1 ? " (lines 1 to " + (brokenAt - 1) + " hold)" : "");
    }
    StringBuilder text = new StringBuilder(name + ": the audit chain holds over " + lines + " lines, " + firstTime
        + " to " + lastTime);
    if (chainStarts.size() > 1) {
      text.append("; new chains start at lines ").append(join(chainStarts));
    }
    if (!resumed.isEmpty()) {
      text.append("; a restarted operator continued it at line").append(resumed.size() > 1 ? "s " : " ")
          .append(join(resumed));
    }
    return text.toString();
  }

  private static String join(List<Long> numbers) {
    return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
