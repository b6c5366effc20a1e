package io.tenantguard.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tenantguard.audit.AuditOutput;
import io.tenantguard.audit.AuditTrail;
import io.tenantguard.kube.EventRecorder;
import io.tenantguard.kube.TenantSpecs;
import io.tenantguard.placement.DataClassificationReconciler;
import io.tenantguard.placement.RegionReconciler;
import io.tenantguard.separation.SeparationDefaults;
import io.tenantguard.access.AccessCapability;
import io.tenantguard.attestation.AttestationCapability;
import io.tenantguard.attestation.Attestations;
import io.tenantguard.encryption.EncryptionCapability;
import io.tenantguard.lifecycle.CertificateReconciler;
import io.tenantguard.lifecycle.DeletionSchedule;
import io.tenantguard.lifecycle.DestructionCertificates;
import io.tenantguard.lifecycle.LifecycleActions;
import io.tenantguard.lifecycle.LifecycleCapability;
import io.tenantguard.lifecycle.LifecycleSettings;
import io.tenantguard.lifecycle.RetentionFloors;
import io.tenantguard.lifecycle.SigningKey;
import io.tenantguard.lifecycle.OrphanedNamespaces;
import io.tenantguard.placement.PlacementCapability;
import io.tenantguard.separation.SeparationCapability;
import io.tenantguard.tenant.ForeignNamespaces;
import io.tenantguard.tenant.TenantPipeline;
import io.tenantguard.tenant.TenantReconciler;
import io.tenantguard.tenant.TenantStatusFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running operator: its reconcilers, its probes and metrics, and an orderly stop. */
public final class OperatorRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);
  private static final java.time.Duration CRD_DELETION_GRACE = java.time.Duration.ofSeconds(10);

  private final OperatorSettings settings;
  private final KubernetesClient client;
  private final Clock clock;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Consumer<ConfigurationServiceOverrider> overrides;
  private final IntConsumer exit;
  private final AuditOutput audit;
  private Operator operator;
  private ProbeServer probes;
  private ClusterPolicyKeeper policies;
  private SigningKey key;
  private PolicyReportKeeper reports;
  private ForeignNamespaces foreignNamespaces;
  private TenantSpecs tenantSpecs;
  private CrdWatch crds;
  private final ScheduledExecutorService exiting = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "tenantguard-crd-deleted");
    thread.setDaemon(true);
    return thread;
  });
  private ScheduledFuture<?> pendingExit;
  private volatile boolean stopping;

  /**
   * @param overrides extra JOSDK settings; tests on the mock server use them to turn server-side
   *     apply off, which the mock server does not speak
   * @param exit ends the process when the operator cannot go on (a lost Lease, a deleted CRD):
   *     {@code System::exit} in production; a test running it in its own JVM records the status
   * @param audit where the audit trail goes, and the line it continues
   */
  public OperatorRuntime(
      OperatorSettings settings,
      KubernetesClient client,
      Clock clock,
      Consumer<ConfigurationServiceOverrider> overrides,
      IntConsumer exit,
      AuditOutput audit) {
    this.settings = settings;
    this.client = client;
    this.clock = clock;
    this.overrides = overrides;
    this.exit = exit;
    this.audit = audit;
    new JvmMemoryMetrics().bindTo(meters);
    new JvmGcMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
  }

  /** In a test's own JVM: the audit trail on its logger. */
  public OperatorRuntime(OperatorSettings settings, KubernetesClient client, Clock clock,
      Consumer<ConfigurationServiceOverrider> overrides, IntConsumer exit) {
    this(settings, client, clock, overrides, exit, AuditOutput.logger());
  }

  public OperatorRuntime(OperatorSettings settings, KubernetesClient client, Clock clock, AuditOutput audit) {
    this(settings, client, clock, o -> {}, System::exit, audit);
  }

  public OperatorRuntime(OperatorSettings settings, KubernetesClient client, Clock clock) {
    this(settings, client, clock, AuditOutput.logger());
  }

  /** Starts everything; what started before a failure is stopped again, so that nothing runs half. */
  public void start() throws IOException {
    try {
      startAll();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void startAll() throws IOException {
    reports = new PolicyReportKeeper(client, clock);
    operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withConcurrentReconciliationThreads(settings.reconcileThreads())
                  // per-resource meters would grow with the number of tenants
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(meters));
              if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(leaderElection());
              }
              overrides.accept(o);
            });
    EventRecorder events = new EventRecorder(client, meters, clock,
        AuditTrail.begin(audit, clock, identity(), instance(), Version.current()));
    if (settings.admissionPolicies()) {
      policies = new ClusterPolicyKeeper(client, events, meters, settings.leaderElectionNamespace());
      if (!settings.leaderElection()) {
        policies.start();
      }
    }
    TenantPipeline pipeline = pipeline(settings.separationDefaults(), settings.attestations());
    foreignNamespaces = ForeignNamespaces.start(client);
    crds = CrdWatch.start(client, this::crdDeleted);
    LifecycleSettings lifecycle = settings.lifecycle();
    key = SigningKey.inNamespace(client, lifecycle.keyNamespace());
    DeletionSchedule schedule = new DeletionSchedule(lifecycle);
    DestructionCertificates certificates = new DestructionCertificates(client, key);
    tenantSpecs = TenantSpecs.of(client);
    register(new RegionReconciler(clock, tenantSpecs));
    register(new TenantReconciler(pipeline, new TenantStatusFactory(clock, pipeline.conditionTypes()), events, meters,
        clock, foreignNamespaces, schedule,
        new LifecycleActions(client, certificates, schedule, Version.current(), events, meters, clock), certificates));
    register(new DataClassificationReconciler(clock, tenantSpecs, new RetentionFloors(lifecycle, clock)));
    register(new CertificateReconciler(client, key, events, meters, clock));
    register(new OrphanedNamespaces(events, meters, tenantSpecs));
    tenantSpecs.start(); // once its readers added their indexes
    if (!settings.leaderElection()) { // with leader election, once leading
      key.keyId(); // the signing key read or made now: a right it lacks stops the start
      reports.start();
    }
    probes = new ProbeServer(settings.probeAddress(), this::isHealthy, this::isReady, meters);
    probes.serve(ReportEndpoint.PATH, new ReportEndpoint(client, clock));
    operator.start();
    LOG.info(
        "tenantguard {} started against {}; probes and metrics on port {}",
        Version.current(),
        client.getMasterUrl(),
        probes.port());
  }

  /** Who the operator acts as, as the API server says, for the audit trail. */
  private String identity() {
    try {
      return ClusterPolicies.operatorUsername(client);
    } catch (RuntimeException e) {
      LOG.warn("the API server did not say who the operator is ({}); the audit trail names it unknown", e.toString());
      return "unknown";
    }
  }

  /** Which process this is: the pod's name in a cluster, the host's otherwise. */
  private static String instance() {
    String hostname = System.getenv("HOSTNAME");
    if (hostname != null && !hostname.isBlank()) {
      return hostname;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown host";
    }
  }

  /** The Tenant's capabilities, in the order their conditions are listed. A new capability is one line here. */
  public static TenantPipeline pipeline(SeparationDefaults defaults, Attestations attestations) {
    return new TenantPipeline(List.of(
        new SeparationCapability(defaults),
        new PlacementCapability(),
        new EncryptionCapability(),
        new AccessCapability(),
        new LifecycleCapability(),
        new AttestationCapability(attestations)));
  }

  /** Without attestations: every organisational duty of the provider is shown NotEnforced. */
  public static TenantPipeline pipeline(SeparationDefaults defaults) {
    return pipeline(defaults, Attestations.NONE);
  }

  /** Every controller applies with one field manager, and resyncs at the configured interval. */
  private <P extends HasMetadata> void register(Reconciler<P> reconciler) {
    operator.register(reconciler, o -> o
        .withFieldManager(ClusterPolicies.FIELD_MANAGER)
        .withReconciliationMaxInterval(settings.resyncInterval()));
  }

  /**
   * A replica that loses its Lease exits at once, so that two never reconcile together; JOSDK
   * would exit on an orderly stop too, which this callback tells apart.
   */
  private LeaderElectionConfiguration leaderElection() {
    LeaderCallbacks callbacks = new LeaderCallbacks(
        () -> {
          LOG.info("leading: this replica reconciles and keeps the admission policies and policy reports");
          if (policies != null) {
            policies.start();
          }
          key.keyId();
          reports.start();
        },
        () -> {
          if (!stopping) {
            LOG.error("lost the leader Lease; exiting so that only the new leader reconciles");
            exit.accept(1);
          }
        },
        leader -> LOG.info("leader is {}", leader));
    return new LeaderElectionConfiguration(
        OperatorSettings.LEASE_NAME,
        settings.leaderElectionNamespace(),
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        leaseHolderIdentity(),
        callbacks,
        false);
  }

  /**
   * Without one of its CRDs the operator can neither enforce nor report anything: it says so and
   * exits with status 2, once no CRD of its own has disappeared for a moment. CRDs removed together
   * (an uninstall) go one after another, the Tenants' last, after every Tenant is gone: by then each
   * of their namespaces is being told it is orphaned ({@code OrphanedNamespaces}), which the moment
   * lets finish.
   */
  private synchronized void crdDeleted(String crd) {
    LOG.error("the CRD {} was deleted: tenantguard cannot enforce or report anything without it. The tenants'"
        + " namespaces keep their data and protection (admission policies, RBAC, NetworkPolicies stay in the API"
        + " server). Reinstall it (kubectl apply -f crds/) and start tenantguard again", crd);
    if (pendingExit != null) {
      pendingExit.cancel(false);
    }
    pendingExit = exiting.schedule(() -> {
      close();
      exit.accept(2);
    }, CRD_DELETION_GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Unique per replica: its pod's (or host's) name, and a random part, so that two replicas on one
   * host never both believe they hold the Lease.
   */
  private static String leaseHolderIdentity() {
    return instance() + "_" + java.util.UUID.randomUUID();
  }

  /** Healthy while every informer is connected; a broken watch that does not heal restarts the pod. */
  public boolean isHealthy() {
    return operator != null && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** Ready once the operator has started and its caches are in sync. */
  public boolean isReady() {
    return operator != null && operator.getRuntimeInfo().isStarted() && isHealthy();
  }

  public int probePort() {
    return probes.port();
  }

  @Override
  public synchronized void close() {
    if (stopping) {
      return;
    }
    LOG.info("stopping tenantguard");
    stopping = true;
    exiting.shutdown();
    if (operator != null) {
      operator.stop();
    }
    if (policies != null) {
      policies.close();
    }
    if (foreignNamespaces != null) {
      foreignNamespaces.close();
    }
    if (tenantSpecs != null) {
      tenantSpecs.close();
    }
    if (crds != null) {
      crds.close();
    }
    if (reports != null) {
      reports.close();
    }
    if (probes != null) {
      probes.close();
    }
  }
}
