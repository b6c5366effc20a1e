package io.tenantguard.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The audit trail: every enforcement action as one JSON line, each carrying in {@code prev} the
 * SHA-256 of the line before it (of its UTF-8 bytes, without the line break), so that removing or
 * editing a line breaks the chain at the next one ({@link AuditVerification} finds where). The
 * first line of a chain carries {@link #NO_PREVIOUS}. An operator that starts after a previous run
 * of the same file continues its chain: its first line, {@code AuditTrailResumed}, carries the
 * SHA-256 of the file's last line, and {@code seq} goes on counting.
 */
public final class AuditTrail {
  /** The {@code prev} of a chain's first line. */
  public static final String NO_PREVIOUS = "0".repeat(64);
  public static final String STARTED = "AuditTrailStarted";
  public static final String RESUMED = "AuditTrailResumed";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

  private final AuditOutput output;
  private final Clock clock;
  private final String operator;
  private final String instance;
  private String previous;
  private long seq;

  private AuditTrail(AuditOutput output, Clock clock, String operator, String instance) {
    this.output = output;
    this.clock = clock;
    this.operator = operator;
    this.instance = instance;
  }

  /**
   * Starts the trail with a line that says whether it continues the output's previous line or
   * begins a new chain.
   *
   * @param operator the identity the operator acts as on the API server
   * @param instance which process: the pod's or the host's name
   */
  public static AuditTrail begin(AuditOutput output, Clock clock, String operator, String instance, String version) {
    AuditTrail trail = new AuditTrail(output, clock, operator, instance);
    String previousLine = output.previousLine();
    String message;
    if (previousLine == null) {
      trail.previous = NO_PREVIOUS;
      message = "tenantguard " + version + " started a new audit chain: nothing before it to continue";
    } else {
      trail.previous = sha256(previousLine);
      trail.seq = seqOf(previousLine) + 1;
      message = "tenantguard " + version + " started and continues the audit chain of the line before";
    }
    trail.record(new AuditEntry(null, null, "operator " + instance, "started",
        previousLine == null ? STARTED : RESUMED, "Normal", message));
    return trail;
  }

  public synchronized void record(AuditEntry entry) {
    ObjectNode line = JSON.createObjectNode();
    line.put("seq", seq);
    line.put("time", TIME.format(OffsetDateTime.ofInstant(clock.instant(), clock.getZone())));
    if (entry.tenant() != null) {
      line.put("tenant", entry.tenant());
    }
    if (!entry.controls().isEmpty()) {
      entry.controls().forEach(line.putArray("controls")::add);
    }
    line.put("object", entry.object());
    line.put("action", entry.action());
    line.put("outcome", entry.outcome());
    line.put("type", entry.type());
    line.put("message", entry.message());
    line.put("operator", operator);
    line.put("instance", instance);
    line.put("prev", previous);
    String text = line.toString();
    output.sink().accept(text);
    previous = sha256(text);
    seq++;
  }

  /** The hex SHA-256 of a line's UTF-8 bytes. */
  public static String sha256(String line) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The {@code seq} of an audit line, or -1 when it is none (a line cut short by a crash). */
  static long seqOf(String line) {
    try {
      JsonNode seq = JSON.readTree(line).get("seq");
      return seq != null && seq.canConvertToLong() ? seq.asLong() : -1;
    } catch (JsonProcessingException e) {
      return -1;
    }
  }

  /** Reads one line as an audit line: a JSON object with its seq and prev; null when it is not one. */
  static JsonNode parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() && node.path("seq").canConvertToLong() && node.path("prev").isTextual()
          ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
