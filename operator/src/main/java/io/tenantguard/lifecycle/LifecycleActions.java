package io.tenantguard.lifecycle;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantguard.api.v1alpha1.certificate.DestroyedNamespace;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.tenant.Deletion;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.capability.LifecycleStage;
import io.tenantguard.capability.TenantLifecycle;
import io.tenantguard.kube.EventRecorder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a tenant's lifecycle stage requires beyond the objects the pipeline applies, done on the
 * objects the tenant made: stopping and resuming its workloads, revoking the access it gave
 * itself, destroying its data. Each step is idempotent and told by an Event (on the Tenant, and
 * in its namespaces so that its users read it) only when it changed something.
 */
public final class LifecycleActions {
  public static final String SUSPENDED = "Suspended";
  public static final String RESUMED = "Resumed";
  public static final String TERMINATED = "Terminated";
  public static final String ACCESS_REVOKED = "AccessRevoked";
  public static final String DESTRUCTION_STARTED = "DestructionStarted";
  public static final String DESTROYED = "Destroyed";

  private final WorkloadSuspension workloads;
  private final AccessRevocation access;
  private final Destruction destruction;
  private final EventRecorder events;
  private final Clock clock;

  public LifecycleActions(KubernetesClient client, DestructionCertificates certificates, DeletionSchedule schedule,
      String operatorVersion, EventRecorder events, MeterRegistry meters, Clock clock) {
    this.workloads = new WorkloadSuspension(client);
    this.access = new AccessRevocation(client);
    this.destruction = new Destruction(client, certificates, schedule, operatorVersion, meters, clock);
    this.events = events;
    this.clock = clock;
  }

  /**
   * Does what {@code decided} requires; the lifecycle as it stands after (a deletion schedule
   * that records what was done, the destruction's progress).
   *
   * @param owned the tenant's namespaces, from the cache
   */
  public TenantLifecycle act(Tenant tenant, TenantLifecycle decided, List<Namespace> owned,
      Map<String, DataClassification> classifications) {
    TenantPhase previous = tenant.getStatus() == null ? null : tenant.getStatus().phase();
    List<Namespace> live = owned.stream().filter(ns -> ns.getMetadata().getDeletionTimestamp() == null).toList();
    return switch (decided.stage()) {
      case Active -> {
        List<Namespace> frozen = live.stream().filter(FrozenNamespaces::frozen).toList();
        tell(tenant, frozen, RESUMED, "resumed", eachOf(frozen, workloads::resume), previous == TenantPhase.Suspended);
        yield decided;
      }
      case Suspended -> {
        tell(tenant, live, SUSPENDED, "Suspended: writes refused, workloads stopped", eachOf(live, workloads::stop),
            previous != TenantPhase.Suspended);
        yield decided;
      }
      case Retained -> retained(tenant, decided, live);
      case Destroying -> destroying(tenant, decided, owned, classifications);
      case Destroyed -> decided;
    };
  }

  private TenantLifecycle retained(Tenant tenant, TenantLifecycle decided, List<Namespace> live) {
    Deletion deletion = decided.deletion();
    boolean terminatedNow = tenant.getStatus() == null || tenant.getStatus().deletion() == null;
    tell(tenant, live, TERMINATED, "Terminated: every access revoked but read-only recovery, data kept until "
        + deletion.dataAccessibleUntil() + ", workloads stopped", eachOf(live, workloads::stop), terminatedNow);
    List<String> revoked = new ArrayList<>(eachOf(live, ns -> access.ownBindings(ns).stream()
        .map(binding -> "RoleBinding " + binding).toList()));
    if (deletion.accessRevokedAt() == null) {
      int tokens = live.stream().mapToInt(ns -> access.tokens(ns.getMetadata().getName())).sum();
      if (tokens > 0) {
        revoked.add(tokens + " ServiceAccount token Secret(s)");
      }
      deletion = deletion.withAccessRevokedAt(Times.format(clock.instant()));
    }
    if (!revoked.isEmpty()) {
      events.warning(tenant, ACCESS_REVOKED, "deleted the access the tenant gave itself: " + String.join(", ", revoked));
    }
    return decided.withDeletion(deletion);
  }

  private TenantLifecycle destroying(Tenant tenant, TenantLifecycle decided, List<Namespace> owned,
      Map<String, DataClassification> classifications) {
    TenantLifecycle after = destruction.step(tenant, decided, owned, classifications);
    if (decided.deletion().destructionStartedAt() == null && after.deletion().destructionStartedAt() != null) {
      events.warning(tenant, DESTRUCTION_STARTED, "retention ended at " + decided.deletion().dataAccessibleUntil()
          + ": destroying namespaces " + String.join(", ", after.deletion().namespaces().stream()
              .map(DestroyedNamespace::name).toList()));
    }
    if (after.stage() == LifecycleStage.Destroyed) {
      events.normal(tenant, DESTROYED, "data destroyed and verified at " + after.deletion().destroyedAt()
          + "; DestructionCertificate " + after.deletion().certificate());
    }
    return after;
  }

  /** One Event on the tenant and in each namespace when something changed or the stage was entered. */
  private void tell(Tenant tenant, List<Namespace> namespaces, String reason, String what, List<String> changes,
      boolean entered) {
    if (changes.isEmpty() && !entered) {
      return;
    }
    String message = what + (changes.isEmpty() ? "" : ": " + String.join(", ", changes));
    events.normal(tenant, reason, message);
    namespaces.forEach(ns -> events.normal(ns, reason, "tenant " + tenant.getMetadata().getName() + ": " + message));
  }

  private static List<String> eachOf(List<Namespace> namespaces, Function<String, List<String>> action) {
    List<String> all = new ArrayList<>();
    namespaces.forEach(ns -> action.apply(ns.getMetadata().getName()).forEach(line ->
        all.add(ns.getMetadata().getName() + "/" + line)));
    return all;
  }
}
