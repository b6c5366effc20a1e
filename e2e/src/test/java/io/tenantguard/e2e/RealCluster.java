package io.tenantguard.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.kube.Clients;
import io.tenantguard.local.LocalControlPlane;
import io.tenantguard.local.ManifestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real control plane for the tests, brought up once per test run. By default it is a local one of
 * {@code e2e/cluster}, fresh for each run and of its own (run folder {@code run-e2e}, so that a
 * quick start running beside it is not disturbed), stopped at the end; with
 * {@code TENANTGUARD_E2E_KUBECONFIG} set, it is the cluster that kubeconfig names (a kind, k3d or
 * real cluster). Either way the CRDs of crds/ are installed first.
 */
public final class RealCluster implements ParameterResolver {
  private static final String KUBECONFIG_VARIABLE = "TENANTGUARD_E2E_KUBECONFIG";
  /** Where the operators' identities live: the chart's release namespace, their own namespace. */
  public static final String OPERATOR_NAMESPACE = "tenantguard-e2e";
  private static final String OPERATOR_RELEASE = "e2e";
  /**
   * The API server audits the shared operator's requests, and only those (metadata: who, what,
   * which object, the answer), so that a test can compare what it did with what the chart grants.
   */
  private static final String AUDIT_POLICY = """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: [RequestReceived]
      rules:
        - level: Metadata
          users: ["system:serviceaccount:%s:%s-operator"]
        - level: None
      """.formatted(OPERATOR_NAMESPACE, OPERATOR_RELEASE);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Cluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Cluster.class, key -> Cluster.start(), Cluster.class);
  }

  /** The cluster, its admin client, and clients that impersonate tenant users. */
  public static final class Cluster implements AutoCloseable {
    private final Config adminConfig;
    private final Path kubeconfig;
    private final KubernetesClient admin;
    /** The local control plane this run started, to stop at the end; null for a named cluster. */
    private final LocalControlPlane startedHere;
    private TenantguardUnderTest operator;
    private OperatorIdentity operatorIdentity;

    private Cluster(Path kubeconfig, LocalControlPlane startedHere) {
      this.kubeconfig = kubeconfig;
      this.adminConfig = Config.fromKubeconfig(read(kubeconfig));
      this.admin = Clients.create(adminConfig);
      this.startedHere = startedHere;
    }

    static Cluster start() {
      String named = System.getenv(KUBECONFIG_VARIABLE);
      if (named != null && !named.isBlank()) {
        return installCrds(new Cluster(Path.of(named), null));
      }
      LocalControlPlane local = new LocalControlPlane(E2e.repoRoot(), E2e.runFolder(), auditPolicy());
      local.down(); // a cluster left by an interrupted run holds its objects: start afresh
      Path kubeconfig = local.up();
      return installCrds(new Cluster(kubeconfig, local));
    }

    public KubernetesClient admin() {
      return admin;
    }

    public Config adminConfig() {
      return adminConfig;
    }

    /** The processes of the control plane this run started, by name; none for a named cluster. */
    public Map<String, Long> controlPlaneProcesses() {
      return startedHere == null ? Map.of() : startedHere.processes();
    }

    /** Whether this run started the control plane, so that a test may restart or freeze its processes. */
    public boolean startedHere() {
      return startedHere != null;
    }

    /**
     * Runs {@code e2e/cluster COMMAND PROCESS} on this run's control plane: {@code restart},
     * {@code pause} or {@code resume} one of etcd, kube-apiserver, kube-controller-manager.
     */
    public void controlPlane(String command, String process) {
      try {
        ProcessBuilder builder = new ProcessBuilder(E2e.repoRoot().resolve("e2e/cluster").toString(), command, process)
            .inheritIO();
        builder.environment().put("TENANTGUARD_RUN_DIR", E2e.runFolder().toString());
        int status = builder.start().waitFor();
        if (status != 0) {
          throw new IllegalStateException("e2e/cluster " + command + " " + process + " exited with " + status);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    /** The admin kubeconfig file, for tools that want one (Helm). */
    public Path kubeconfig() {
      return kubeconfig;
    }

    /** A client that acts as {@code user} in {@code groups}, through impersonation. */
    public KubernetesClient as(String user, String... groups) {
      Config config = new ConfigBuilder(adminConfig).build();
      config.setImpersonateUsername(user);
      config.setImpersonateGroups(groups);
      return Clients.create(config);
    }

    /** The operator, run in this JVM against the cluster, started once and shared by the tests. */
    public synchronized TenantguardUnderTest operator() {
      if (operator == null) {
        operator = TenantguardUnderTest.start(operatorIdentity());
      }
      return operator;
    }

    /** The identity the chart gives the shared operator (release e2e), installed on first use. */
    public synchronized OperatorIdentity operatorIdentity() {
      if (operatorIdentity == null) {
        operatorIdentity = OperatorIdentity.install(admin, adminConfig, OPERATOR_RELEASE, OPERATOR_NAMESPACE);
      }
      return operatorIdentity;
    }

    /** Stops the shared operator, for a test that runs one of its own; the next caller restarts it. */
    public synchronized void stopOperator() {
      if (operator != null) {
        operator.close();
        operator = null;
      }
    }

    @Override
    public void close() {
      ReliabilityFigures.report();
      if (operator != null) {
        operator.close();
      }
      admin.close();
      if (startedHere != null) {
        startedHere.down();
      }
    }

    private static Path auditPolicy() {
      return E2e.write(E2e.repoRoot().resolve("e2e/target/audit-policy.yaml"), AUDIT_POLICY);
    }

    /** The audit log of the shared operator's requests; none on a cluster this run did not start. */
    public java.util.Optional<Path> auditLog() {
      return startedHere == null ? java.util.Optional.empty()
          : java.util.Optional.of(E2e.runFolder().resolve("logs/audit.log"));
    }

    private static Cluster installCrds(Cluster cluster) {
      ManifestFiles.installCrds(cluster.admin, E2e.repoRoot().resolve("crds"), "tenantguard-e2e");
      return cluster;
    }

    private static String read(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new IllegalStateException("reading kubeconfig " + file, e);
      }
    }
  }
}
