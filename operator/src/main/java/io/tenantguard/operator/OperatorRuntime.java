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
import io.tenantguard.kube.EventRecorder;
import io.tenantguard.placement.DataClassificationReconciler;
import io.tenantguard.placement.RegionReconciler;
import io.tenantguard.separation.SeparationDefaults;
import io.tenantguard.access.AccessCapability;
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
import io.tenantguard.tenant.TenantPipeline;
import io.tenantguard.tenant.TenantReconciler;
import io.tenantguard.tenant.TenantStatusFactory;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running operator: its reconcilers, its probes and metrics, and an orderly stop. */
public final class OperatorRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);

  private final OperatorSettings settings;
  private final KubernetesClient client;
  private final Clock clock;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Consumer<ConfigurationServiceOverrider> overrides;
  private Operator operator;
  private ProbeServer probes;
  private ClusterPolicyKeeper policies;
  private volatile boolean stopping;

  /**
   * @param overrides extra JOSDK settings; tests on the mock server use them to turn server-side
   *     apply off, which the mock server does not speak
   */
  public OperatorRuntime(
      OperatorSettings settings,
      KubernetesClient client,
      Clock clock,
      Consumer<ConfigurationServiceOverrider> overrides) {
    this.settings = settings;
    this.client = client;
    this.clock = clock;
    this.overrides = overrides;
    new JvmMemoryMetrics().bindTo(meters);
    new JvmGcMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
  }

  public OperatorRuntime(OperatorSettings settings, KubernetesClient client, Clock clock) {
    this(settings, client, clock, o -> {});
  }

  public void start() throws IOException {
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
    EventRecorder events = new EventRecorder(client, meters, clock);
    if (settings.admissionPolicies()) {
      policies = new ClusterPolicyKeeper(client, events, meters);
      policies.start();
    }
    TenantPipeline pipeline = pipeline(settings.separationDefaults());
    LifecycleSettings lifecycle = settings.lifecycle();
    SigningKey key = SigningKey.loadOrCreate(client, lifecycle.keyNamespace());
    DeletionSchedule schedule = new DeletionSchedule(lifecycle);
    DestructionCertificates certificates = new DestructionCertificates(client, key);
    register(new RegionReconciler(clock));
    register(new TenantReconciler(
        pipeline, new TenantStatusFactory(clock, pipeline.conditionTypes()), events, meters, clock, schedule,
        new LifecycleActions(client, certificates, schedule, Version.current(), events, meters, clock), certificates));
    register(new DataClassificationReconciler(clock, new RetentionFloors(lifecycle, clock)));
    register(new CertificateReconciler(client, key, events, meters, clock));
    register(new OrphanedNamespaces(events, meters));
    probes = new ProbeServer(settings.probeAddress(), this::isHealthy, this::isReady, meters);
    operator.start();
    LOG.info(
        "tenantguard {} started against {}; probes and metrics on port {}",
        Version.current(),
        client.getMasterUrl(),
        probes.port());
  }

  /** The Tenant's capabilities, in the order their conditions are listed. A new capability is one line here. */
  public static TenantPipeline pipeline(SeparationDefaults defaults) {
    return new TenantPipeline(List.of(
        new SeparationCapability(defaults),
        new PlacementCapability(),
        new EncryptionCapability(),
        new AccessCapability(),
        new LifecycleCapability()));
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
        () -> LOG.info("leading: this replica reconciles"),
        () -> {
          if (!stopping) {
            LOG.error("lost the leader Lease; exiting so that only the new leader reconciles");
            System.exit(1);
          }
        },
        leader -> LOG.info("leader is {}", leader));
    return new LeaderElectionConfiguration(
        OperatorSettings.LEASE_NAME,
        settings.leaderElectionNamespace(),
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        null,
        callbacks,
        false);
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
  public void close() {
    LOG.info("stopping tenantguard");
    stopping = true;
    if (operator != null) {
      operator.stop();
    }
    if (policies != null) {
      policies.close();
    }
    if (probes != null) {
      probes.close();
    }
  }
}
