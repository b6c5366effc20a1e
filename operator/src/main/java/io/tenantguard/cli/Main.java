package io.tenantguard.cli;

import io.tenantguard.operator.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of tenantguard.jar. */
@Command(
    name = "tenantguard",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Kubernetes operator that enforces a cloud provider's tenant controls.",
    subcommands = {RunCommand.class, StatusCommand.class, QuickstartCommand.class, CommandLine.HelpCommand.class})
public class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setParameterExceptionHandler(new EnvironmentAwareErrors())
        .setExecutionExceptionHandler(new UserFacingErrors());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tenantguard " + Version.current()};
    }
  }
}
