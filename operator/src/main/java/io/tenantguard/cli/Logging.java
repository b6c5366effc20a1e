package io.tenantguard.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import io.tenantguard.audit.AuditFile;
import io.tenantguard.audit.AuditOutput;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Switches the log format once the command line is parsed, and sends logs to files where asked. */
final class Logging {
  enum Format {
    text,
    json
  }

  private Logging() {}

  static void use(Format format) {
    if (format == Format.text) {
      return; // logback.xml already applies
    }
    LoggerContext context = context();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(Logging.class.getResource("/logback-json.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("configuring JSON logs", e);
    }
  }

  /**
   * Appends the audit trail to {@code file} instead of standard output.
   *
   * @return where the trail goes, continuing the chain of the file's last line
   */
  static AuditOutput auditTo(Path file) throws IOException {
    String previousLine = AuditFile.prepareForAppend(file);
    toFile(context().getLogger(AuditOutput.LOGGER), file, "%msg%n");
    return AuditOutput.logger(previousLine);
  }

  /** Writes the operator's log, in the text format, to {@code file} instead of the terminal. */
  static void operatorLogTo(Path file) {
    LoggerContext context = context();
    toFile(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), file, context.getProperty("TEXT_PATTERN"));
  }

  private static void toFile(Logger logger, Path file, String pattern) {
    LoggerContext context = context();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName(logger.getName() + "-file");
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    logger.detachAndStopAllAppenders();
    logger.addAppender(appender);
  }

  private static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }
}
