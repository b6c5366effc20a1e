package io.tenantguard.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/** Switches the log format once the command line is parsed. */
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
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(Logging.class.getResource("/logback-json.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("configuring JSON logs", e);
    }
  }
}
