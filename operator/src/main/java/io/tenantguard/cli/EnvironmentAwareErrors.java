package io.tenantguard.cli;

import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reports a bad option with the environment variable that may have set it, so that a bad value in
 * a Deployment's env is as easy to find as a bad flag.
 */
final class EnvironmentAwareErrors implements CommandLine.IParameterExceptionHandler {
  private static final Pattern ENV_VARIABLE = Pattern.compile("\\b(TENANTGUARD_[A-Z0-9_]+)");
  private static final Pattern OPTION_NAME = Pattern.compile("option '(--[a-z-]+)'");

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    PrintWriter err = ex.getCommandLine().getErr();
    String message = ex.getMessage();
    OptionSpec option = optionOf(ex);
    // the description names the variable; defaultValue() is already interpolated
    if (option != null) {
      Matcher env = ENV_VARIABLE.matcher(String.join(" ", option.description()));
      if (env.find()) {
        message += " (option " + option.longestName() + " or environment variable " + env.group(1) + ")";
      }
    }
    err.println("tenantguard: " + message);
    err.println("Try 'tenantguard " + ex.getCommandLine().getCommandName() + " --help'.");
    return CommandLine.ExitCode.USAGE;
  }

  /** The option at fault; picocli names it only in the message when its default was bad. */
  private static OptionSpec optionOf(CommandLine.ParameterException ex) {
    if (ex.getArgSpec() instanceof OptionSpec option) {
      return option;
    }
    Matcher name = OPTION_NAME.matcher(String.valueOf(ex.getMessage()));
    return name.find() ? ex.getCommandLine().getCommandSpec().findOption(name.group(1)) : null;
  }
}
