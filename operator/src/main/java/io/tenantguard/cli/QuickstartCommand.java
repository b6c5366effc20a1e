package io.tenantguard.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import io.tenantguard.kube.Clients;
import io.tenantguard.lifecycle.LifecycleSettings;
import io.tenantguard.local.LocalControlPlane;
import io.tenantguard.local.ManifestFiles;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.operator.OperatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole thing in one command: a cluster (the kubeconfig's, or a local control plane started
 * here), the CRDs, the example platform, the operator, and the tenants' status as it converges and
 * changes, until Ctrl-C stops everything it started. The terminal keeps a line per tenant phase
 * change and the table; the operator's log and the audit trail go to files whose paths it prints.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = "Runs the operator with the example platform on a cluster, and shows the tenants' status.")
final class QuickstartCommand implements Callable<Integer> {
  private static final Duration CONVERGENCE = Duration.ofMinutes(3);
  private static final String FIELD_MANAGER = "tenantguard-quickstart";
  /** The example platform, in the order a platform team applies it. */
  private static final List<String> EXAMPLES =
      List.of("regions.yaml", "classifications.yaml", "tenants.yaml", "demo/lifecycle.yaml");

  @Option(names = "--repository", defaultValue = ".", description = "The tenantguard checkout (crds/, examples/, e2e/cluster).")
  Path repository;

  @Override
  public Integer call() throws Exception {
    Path repo = repository.toAbsolutePath().normalize();
    if (!Files.isDirectory(repo.resolve("examples")) || !Files.isRegularFile(repo.resolve("e2e/cluster"))) {
      throw new UserFacingException(repo + " is not a tenantguard checkout: run from its root or pass --repository");
    }
    LocalControlPlane local = new LocalControlPlane(repo);
    boolean startedLocal = false;
    KubernetesClient client = configuredCluster();
    if (client == null) {
      say("no reachable cluster in your kubeconfig: starting a local control plane (e2e/cluster up)");
      startedLocal = !local.isRunning();
      Path kubeconfig = local.up();
      client = Clients.create(Config.fromKubeconfig(Files.readString(kubeconfig)));
      say("local control plane ready; to use it yourself: export KUBECONFIG=" + kubeconfig);
    } else {
      say("using the cluster of your kubeconfig: " + client.getMasterUrl());
    }

    say("installing crds/ and applying examples/");
    ManifestFiles.installCrds(client, repo.resolve("crds"), FIELD_MANAGER);
    ManifestFiles.apply(client,
        EXAMPLES.stream().map(name -> repo.resolve("examples").resolve(name)).toList(), FIELD_MANAGER);

    Path operatorLog = local.runFolder().resolve("logs/tenantguard.log");
    Path auditFile = local.runFolder().resolve("audit.jsonl");
    Files.createDirectories(operatorLog.getParent());
    Logging.operatorLogTo(operatorLog);
    // no retention floor: the demonstration tenant goes through its schedule in about a minute
    OperatorRuntime runtime =
        new OperatorRuntime(OperatorSettings.local(true).withLifecycle(LifecycleSettings.STANDARD.withoutFloors()),
            client, Clock.systemUTC(), Logging.auditTo(auditFile));
    CountDownLatch stopped = new CountDownLatch(1);
    KubernetesClient cluster = client;
    boolean stopLocal = startedLocal;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      say("stopping the operator" + (stopLocal ? " and the local control plane" : ""));
      runtime.close();
      cluster.close();
      if (stopLocal) {
        local.down();
      }
      stopped.countDown();
    }, "tenantguard-quickstart-stop"));
    PhasePrinter phases = new PhasePrinter(client);
    client.resources(Tenant.class).inform(phases);
    runtime.start();
    say("operator started; its log: " + operatorLog);
    say("audit trail: " + auditFile + " (check it: java -jar operator/target/tenantguard.jar verify-audit " + auditFile
        + ")");
    say("metrics on http://127.0.0.1:" + runtime.probePort() + "/metrics");

    List<Tenant> converged = awaitConvergence(client);
    System.out.println();
    System.out.print(TenantTable.render(converged));
    System.out.println();
    phases.printTables();
    say("look closer: 'java -jar operator/target/tenantguard.jar status',"
        + " 'kubectl get tenants', 'kubectl describe tenant clinique-horizon',"
        + " 'kubectl get events -n horizon-portal' (what a tenant's users see)");
    say("watching for changes; Ctrl-C stops everything this command started");
    LifecycleDemo.terminate(client);
    stopped.await();
    return 0;
  }

  /** The kubeconfig's cluster if one is configured and answers; null otherwise. */
  private static KubernetesClient configuredCluster() {
    Config config = Config.autoConfigure(null);
    if (config.getFile() == null && System.getenv("KUBERNETES_SERVICE_HOST") == null) {
      return null;
    }
    KubernetesClient client = Clients.create(config);
    try {
      client.getKubernetesVersion();
      return client;
    } catch (KubernetesClientException e) {
      say("the cluster of your kubeconfig (" + config.getMasterUrl() + ") does not answer");
      client.close();
      return null;
    }
  }

  private static List<Tenant> awaitConvergence(KubernetesClient client) throws InterruptedException {
    long deadline = System.nanoTime() + CONVERGENCE.toNanos();
    while (true) {
      List<Tenant> tenants = client.resources(Tenant.class).list().getItems();
      boolean converged = tenants.stream().allMatch(t -> t.getStatus() != null
          && Objects.equals(t.getStatus().observedGeneration(), t.getMetadata().getGeneration()));
      if (converged || System.nanoTime() > deadline) {
        if (!converged) {
          say("some tenants have not converged after " + CONVERGENCE.toMinutes() + " minutes; showing them as they are");
        }
        return tenants;
      }
      Thread.sleep(500);
    }
  }

  private static void say(String message) {
    System.out.println("tenantguard: " + message);
  }

  /**
   * Prints a line whenever a tenant's phase changes, with the reason it is not Ready; once the
   * platform has converged, the table too, so that a tenant's way through its schedule shows in it.
   */
  private static final class PhasePrinter implements ResourceEventHandler<Tenant> {
    private final KubernetesClient client;
    private volatile boolean tables;

    PhasePrinter(KubernetesClient client) {
      this.client = client;
    }

    void printTables() {
      tables = true;
    }

    @Override
    public void onAdd(Tenant tenant) {
      if (tenant.getStatus() != null) {
        print(tenant, tenant.getStatus().phase() + whyNotReady(tenant.getStatus()));
      }
    }

    @Override
    public void onUpdate(Tenant before, Tenant after) {
      TenantStatus was = before.getStatus();
      TenantStatus now = after.getStatus();
      if (now != null && (was == null || was.phase() != now.phase())) {
        print(after, (was == null ? "" : was.phase() + " -> ") + now.phase() + whyNotReady(now));
        if (tables) {
          System.out.print(TenantTable.render(client.resources(Tenant.class).list().getItems()));
        }
      }
    }

    @Override
    public void onDelete(Tenant tenant, boolean unknownFinalState) {
      print(tenant, "deleted");
    }

    private static String whyNotReady(TenantStatus status) {
      return status.conditions().stream()
          .filter(c -> "False".equals(c.getStatus()) && "Ready".equals(c.getType()))
          .map(c -> " (" + c.getReason() + ")")
          .findFirst().orElse("");
    }

    private static void print(Tenant tenant, String what) {
      System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + tenant.getMetadata().getName() + ": "
          + what);
    }
  }
}
