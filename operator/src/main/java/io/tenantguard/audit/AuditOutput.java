package io.tenantguard.audit;

import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Where the audit trail's lines go, and the last line already there, which the first new line
 * chains to so that the trail survives a restart of the operator.
 *
 * @param sink writes one line
 * @param previousLine the last line of the file the trail continues, or null to start a new chain
 */
public record AuditOutput(Consumer<String> sink, String previousLine) {
  /** The logger of the audit trail: its own appender, one JSON line per message, no decoration. */
  public static final String LOGGER = "tenantguard.audit";

  /** The audit logger, as the logging configuration routes it, starting a new chain. */
  public static AuditOutput logger() {
    return logger(null);
  }

  /** The audit logger, continuing after {@code previousLine}. */
  public static AuditOutput logger(String previousLine) {
    return new AuditOutput(LoggerFactory.getLogger(LOGGER)::info, previousLine);
  }
}
