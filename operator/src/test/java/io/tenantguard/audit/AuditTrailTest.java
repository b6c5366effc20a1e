package io.tenantguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:15:30.123456Z"), ZoneId.of("Europe/Paris"));

  @TempDir Path folder;

  @Test
  void eachLineSaysWhenWhoWhatAndOnWhichTenantAndControls() throws IOException {
    List<String> lines = new ArrayList<>();
    AuditTrail trail = AuditTrail.begin(new AuditOutput(lines::add, null), CLOCK, "system:serviceaccount:tg:operator",
        "tg-operator-0", "1.2.3");
    trail.record(new AuditEntry("clinique-horizon", List.of("SNC-9.7", "ISO27001-A.13.1.3"),
        "NetworkPolicy clinique-horizon-records/default-deny", "restored", "DriftReverted", "Warning",
        "restored NetworkPolicy clinique-horizon-records/default-deny"));

    JsonNode started = new ObjectMapper().readTree(lines.get(0));
    assertThat(started.get("seq").asLong()).isZero();
    assertThat(started.get("outcome").asText()).isEqualTo(AuditTrail.STARTED);
    assertThat(started.get("prev").asText()).isEqualTo(AuditTrail.NO_PREVIOUS);
    JsonNode restored = new ObjectMapper().readTree(lines.get(1));
    assertThat(restored.get("seq").asLong()).isEqualTo(1);
    assertThat(restored.get("time").asText()).isEqualTo("2026-03-02T10:15:30.123+01:00");
    assertThat(restored.get("tenant").asText()).isEqualTo("clinique-horizon");
    assertThat(restored.get("controls")).extracting(JsonNode::asText).containsExactly("SNC-9.7", "ISO27001-A.13.1.3");
    assertThat(restored.get("object").asText()).isEqualTo("NetworkPolicy clinique-horizon-records/default-deny");
    assertThat(restored.get("action").asText()).isEqualTo("restored");
    assertThat(restored.get("outcome").asText()).isEqualTo("DriftReverted");
    assertThat(restored.get("operator").asText()).isEqualTo("system:serviceaccount:tg:operator");
    assertThat(restored.get("instance").asText()).isEqualTo("tg-operator-0");
    assertThat(restored.get("prev").asText()).isEqualTo(AuditTrail.sha256(lines.get(0)));
  }

  @Test
  void anUntouchedFileHolds() throws IOException {
    Path file = write(5);

    AuditVerification verification = AuditVerification.of(file);

    assertThat(verification.holds()).as(verification.describe("file")).isTrue();
    assertThat(verification.lines()).isEqualTo(6);
    assertThat(verification.describe("audit.jsonl")).startsWith("audit.jsonl: the audit chain holds over 6 lines");
  }

  @Test
  void aRemovedLineBreaksTheChainAtTheLineAfterItNamingTheMissingSeq() throws IOException {
    Path file = write(5);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.remove(3); // seq 3
    Files.write(file, lines);

    AuditVerification verification = AuditVerification.of(file);

    assertThat(verification.holds()).isFalse();
    assertThat(verification.brokenAt()).isEqualTo(4);
    assertThat(verification.describe("audit.jsonl")).isEqualTo(
        "audit.jsonl: the audit chain is broken at line 4: a line was removed between line 3 and line 4: seq 3"
            + " missing (lines 1 to 3 hold)");
  }

  @Test
  void anEditedLineBreaksTheChainAtTheLineAfterIt() throws IOException {
    Path file = write(5);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(2, lines.get(2).replace("created NetworkPolicy", "created RoleBinding"));
    Files.write(file, lines);

    AuditVerification verification = AuditVerification.of(file);

    assertThat(verification.brokenAt()).isEqualTo(4);
    assertThat(verification.problem())
        .isEqualTo("line 3 was changed after line 4 was written: line 4 carries the SHA-256 of another line 3");
  }

  @Test
  void linesRemovedFromTheBeginningAreFound() throws IOException {
    Path file = write(5);
    List<String> lines = Files.readAllLines(file);
    Files.write(file, lines.subList(2, lines.size()));

    AuditVerification verification = AuditVerification.of(file);

    assertThat(verification.brokenAt()).isEqualTo(1);
    assertThat(verification.problem()).startsWith("line 1 continues a chain whose earlier lines are not in this file");
  }

  @Test
  void aRestartContinuesTheChainOfTheFilesLastLine() throws IOException {
    Path file = write(3);

    AuditTrail restarted = AuditTrail.begin(new AuditOutput(appendTo(file), AuditFile.prepareForAppend(file)), CLOCK,
        "operator", "tg-operator-1", "1.2.3");
    restarted.record(action(9));
    AuditVerification verification = AuditVerification.of(file);

    assertThat(verification.holds()).as(verification.describe("file")).isTrue();
    assertThat(verification.lines()).isEqualTo(6);
    assertThat(verification.chainStarts()).containsExactly(1L);
    assertThat(verification.resumed()).containsExactly(5L);
    assertThat(Files.readAllLines(file).get(4)).contains("\"seq\":4", "\"outcome\":\"AuditTrailResumed\"");
    assertThat(verification.describe("file")).endsWith("; a restarted operator continued it at line 5");
  }

  @Test
  void aRestartOnANewOutputStartsANewChainThatSaysSo() throws IOException {
    Path file = write(2);
    List<String> standardOutput = new ArrayList<>();

    AuditTrail.begin(new AuditOutput(standardOutput::add, null), CLOCK, "operator", "tg-operator-1", "1.2.3")
        .record(action(7));
    Files.write(file, standardOutput, StandardOpenOption.APPEND);
    AuditVerification verification = AuditVerification.of(file);

    assertThat(standardOutput.get(0)).contains("\"outcome\":\"AuditTrailStarted\"", "started a new audit chain");
    assertThat(verification.holds()).isTrue();
    assertThat(verification.chainStarts()).containsExactly(1L, 4L);
  }

  @Test
  void aLineCutShortByACrashIsReportedAndTheNextRunDoesNotRunOnFromIt() throws IOException {
    Path file = write(2);
    String content = Files.readString(file);
    Files.writeString(file, content + "{\"seq\":3,\"time\":\"2026-03-02T10:15", StandardCharsets.UTF_8);

    AuditTrail.begin(new AuditOutput(appendTo(file), AuditFile.prepareForAppend(file)), CLOCK, "operator", "x", "1")
        .record(action(1));
    AuditVerification verification = AuditVerification.of(file);

    assertThat(Files.readAllLines(file)).hasSize(6);
    assertThat(verification.brokenAt()).isEqualTo(4);
    assertThat(verification.problem()).contains("line 4 is not an audit line");
  }

  @Test
  void anEmptyFileHoldsNoTrail() throws IOException {
    Path file = Files.createFile(folder.resolve("empty.jsonl"));

    assertThat(AuditVerification.of(file).holds()).isFalse();
    assertThat(AuditFile.prepareForAppend(file)).isNull();
  }

  /** A file of a started trail and {@code actions} actions. */
  private Path write(int actions) throws IOException {
    Path file = folder.resolve("audit.jsonl");
    AuditTrail trail = AuditTrail.begin(new AuditOutput(appendTo(file), AuditFile.prepareForAppend(file)), CLOCK,
        "operator", "tg-operator-0", "1.2.3");
    for (int i = 0; i < actions; i++) {
      trail.record(action(i));
    }
    return file;
  }

  private static AuditEntry action(int i) {
    return new AuditEntry("t", List.of(), "NetworkPolicy t-web/p" + i, "created", "Applied", "Normal",
        "created NetworkPolicy t-web/p" + i);
  }

  private static Consumer<String> appendTo(Path file) {
    return line -> {
      try {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
