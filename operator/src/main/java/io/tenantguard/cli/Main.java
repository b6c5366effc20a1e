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
    subcommands = {RunCommand.class, StatusCommand.class, ReportCommand.class, QuickstartCommand.class,
        VerifyAuditCommand.class, ExportCommand.class, CertificateCommand.class, VerifyCertificateCommand.class,
        CommandLine.HelpCommand.class})
public class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The JDK's setting for the size of the common fork-join pool. */
  static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  public static void main(String[] args) {
    poolAsyncTasks();
    System.exit(commandLine().execute(args));
  }

  /**
   * On one or two CPUs, the size of an operator's container, the common pool gets a single thread,
   * and CompletableFuture then starts a new thread for every asynchronous task: one per response
   * of the JDK HTTP client, tens of thousands while tenants are provisioned. Two threads keep them
   * pooled. Runs before anything touches the pool; an explicit setting wins.
   */
  static void poolAsyncTasks() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      System.setProperty(COMMON_POOL_PARALLELISM, String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
    }
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
