package io.tenantguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantguard.audit.AuditEntry;
import io.tenantguard.audit.AuditOutput;
import io.tenantguard.audit.AuditTrail;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void asynchronousTasksGetAPoolOfTwoThreadsAtLeastUnlessOneIsConfigured() {
    String configured = System.clearProperty(Main.COMMON_POOL_PARALLELISM);
    try {
      Main.poolAsyncTasks();
      assertThat(Integer.parseInt(System.getProperty(Main.COMMON_POOL_PARALLELISM))).isGreaterThanOrEqualTo(2);

      System.setProperty(Main.COMMON_POOL_PARALLELISM, "7");
      Main.poolAsyncTasks();
      assertThat(System.getProperty(Main.COMMON_POOL_PARALLELISM)).isEqualTo("7");
    } finally {
      if (configured == null) {
        System.clearProperty(Main.COMMON_POOL_PARALLELISM);
      } else {
        System.setProperty(Main.COMMON_POOL_PARALLELISM, configured);
      }
    }
  }

  @Test
  void helpListsTheSubcommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("run", "status", "report", "quickstart", "verify-audit");
  }

  @Test
  void anAttestationOfAControlTheClusterEvaluatesIsRefusedNamingTheOption() {
    assertThat(run("run", "--attestation", "SNC-9.7=trust us")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--attestation': SNC-9.7 is evaluated in the"
        + " cluster (by separation), never attested");
  }

  @Test
  void aReportNeedsToKnowWhichTenantsAndAKnownFormat() {
    assertThat(run("report", "--format", "html")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required argument (specify one of these): (--tenant=NAME | --all)");
    assertThat(run("report", "--all", "--format", "pdf")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--format'", "json, markdown, html, oscal");
  }

  @Test
  void aBadOptionIsRefusedNamingTheOptionAndItsEnvironmentVariable() {
    assertThat(run("run", "--reconcile-threads", "many")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Invalid value for option '--reconcile-threads': 'many' is not an int")
        .contains("environment variable TENANTGUARD_RECONCILE_THREADS");
  }

  @Test
  void aDefaultQuotaFieldThatIsNotOneOfSpecQuotaIsRefusedNamingTheOptionAndTheFields() {
    assertThat(run("run", "--default-quota", "pods=30,gpus=2")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Invalid value for option '--default-quota' (or TENANTGUARD_DEFAULT_QUOTA): 'gpus' is not one of cpu,");
  }

  @Test
  void aDefaultLimitThatIsNoQuantityIsRefused() {
    assertThat(run("run", "--default-limit", "memory=lots")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Invalid value for option '--default-limit' (or TENANTGUARD_DEFAULT_LIMIT): memory=lots:");
  }

  @Test
  void aDurationThatIsNotIso8601IsRefused() {
    assertThat(run("run", "--resync-interval", "10 minutes")).isEqualTo(2);
    assertThat(err.toString()).contains("'10 minutes' is not an ISO 8601 duration such as PT10M");
  }

  @Test
  void anUnreachableClusterIsReportedWithItsAddress(@TempDir Path dir) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        current-context: c
        """.formatted(closedPort));
    System.setProperty("kubeconfig", kubeconfig.toString());
    try {
      assertThat(run("status")).isEqualTo(1);
    } finally {
      System.clearProperty("kubeconfig");
    }
    assertThat(err.toString())
        .contains("cannot reach the Kubernetes API server at https://127.0.0.1:" + closedPort)
        .contains("Point KUBECONFIG at a reachable cluster");
  }

  @Test
  void anAuditFileTheOperatorCannotWriteIsRefusedNamingTheOption() {
    assertThat(run("run", "--audit-file", "/proc/tenantguard/audit.jsonl")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Invalid value for option '--audit-file' (or TENANTGUARD_AUDIT_FILE): cannot append to"
            + " /proc/tenantguard/audit.jsonl");
  }

  @Test
  void verifyAuditSaysAnIntactTrailHoldsAndNamesTheLineWhereATamperedOneBreaks(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    AuditTrail trail = AuditTrail.begin(new AuditOutput(lines::add, null), Clock.systemUTC(), "operator", "host", "1");
    for (int i = 0; i < 4; i++) {
      trail.record(new AuditEntry("t", List.of("SNC-9.7"), "RoleBinding t-web/admin-" + i, "created", "Applied",
          "Normal", "created RoleBinding t-web/admin-" + i));
    }
    Path file = Files.write(dir.resolve("audit.jsonl"), lines);

    assertThat(run("verify-audit", file.toString())).isZero();
    assertThat(out.toString()).contains(file + ": the audit chain holds over 5 lines");

    lines.set(2, lines.get(2).replace("admin-1", "admin-9"));
    Files.write(file, lines);
    assertThat(run("verify-audit", file.toString())).isEqualTo(1);
    assertThat(err.toString()).contains(file + ": the audit chain is broken at line 4: line 3 was changed");

    assertThat(run("verify-audit", dir.resolve("missing.jsonl").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("no audit file at " + dir.resolve("missing.jsonl"));
  }
}
