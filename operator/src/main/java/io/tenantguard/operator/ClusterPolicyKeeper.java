package io.tenantguard.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantguard.audit.AuditEntry;
import io.tenantguard.kube.DesiredState;
import io.tenantguard.kube.EventRecorder;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.ListPages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the cluster-wide admission policies and their bindings true, like every managed object:
 * applied at start, then watched, and re-applied within moments of an edit or a deletion (with a
 * DriftReverted Event and the drift metric). Admission policies cannot protect themselves, so a
 * watch is the way.
 */
public final class ClusterPolicyKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterPolicyKeeper.class);

  private final KubernetesClient client;
  private final EventRecorder events;
  private final MeterRegistry meters;
  private final Map<String, HasMetadata> desired;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  /** @param leaseNamespace where the replicas elect their leader; null when they do not */
  public ClusterPolicyKeeper(KubernetesClient client, EventRecorder events, MeterRegistry meters, String leaseNamespace) {
    this.client = client;
    this.events = events;
    this.meters = meters;
    this.desired = ClusterPolicies.desired(ClusterPolicies.operatorUsername(client), leaseNamespace).stream()
        .map(DesiredState::fingerprinted)
        // in order, each policy before its binding: the API server checks a binding against its policy
        .collect(Collectors.toMap(ClusterPolicyKeeper::key, Function.identity(), (a, b) -> b, LinkedHashMap::new));
  }

  /** Applies what is missing or differs (a restart on a converged cluster writes nothing), then watches. */
  public void start() {
    for (HasMetadata wanted : desired.values()) {
      HasMetadata actual = client.resource(wanted).get();
      if (actual == null || !DesiredState.holds(actual, wanted)) {
        apply(wanted);
      }
    }
    informers.add(watch(client.admissionRegistration().v1().validatingAdmissionPolicies()));
    informers.add(watch(client.admissionRegistration().v1().validatingAdmissionPolicyBindings()));
    meters.gauge("tenantguard.admission.policies.missing", this, ClusterPolicyKeeper::missing);
    LOG.info("{} admission policies and bindings applied and watched", desired.size());
  }

  private <T extends HasMetadata> SharedIndexInformer<T> watch(NonNamespaceOperation<T, ?, Resource<T>> kind) {
    var managed = kind.withLabel(Labels.MANAGED_BY, Labels.MANAGER).withLimit(ListPages.SIZE);
    return managed.inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        restoreIfChanged(object);
      }

      @Override
      public void onUpdate(T previous, T object) {
        restoreIfChanged(object);
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        restore(object, "deleted");
      }
    });
  }

  /** How many of the policies and bindings are not in the cluster, as the watches see it: 0 unless restoring fails. */
  private double missing() {
    Set<String> present = informers.stream()
        .flatMap(informer -> informer.getStore().list().stream())
        .map(object -> key((HasMetadata) object))
        .collect(Collectors.toSet());
    return desired.keySet().stream().filter(key -> !present.contains(key)).count();
  }

  private void restoreIfChanged(HasMetadata actual) {
    HasMetadata wanted = desired.get(key(actual));
    if (wanted != null && !DesiredState.holds(actual, wanted)) {
      restore(actual, "changed");
    }
  }

  private void restore(HasMetadata actual, String how) {
    HasMetadata wanted = desired.get(key(actual));
    if (wanted == null) {
      return;
    }
    apply(wanted);
    meters.counter("tenantguard.drift.reverted", "kind", actual.getKind()).increment();
    String message = "restored " + actual.getKind() + " " + actual.getMetadata().getName() + " after it was " + how
        + ": it protects the tenants' isolation and data";
    events.audit(actual, new AuditEntry(null, List.of(), EventRecorder.describe(actual), "restored", "DriftReverted",
        EventRecorder.WARNING, message));
    events.summarize(actual, List.of(), EventRecorder.WARNING, "DriftReverted", message);
  }

  private void apply(HasMetadata object) {
    HasMetadata copy = client.getKubernetesSerialization().clone(object);
    client.resource(copy).fieldManager(ClusterPolicies.FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
