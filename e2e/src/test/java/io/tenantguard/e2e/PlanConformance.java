package io.tenantguard.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.kube.DesiredState;
import io.tenantguard.kube.Labels;
import io.tenantguard.lifecycle.DeletionSchedule;
import io.tenantguard.lifecycle.LifecycleSettings;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.separation.SeparationDefaults;
import io.tenantguard.tenant.TenantPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether what the cluster holds for a tenant not destroyed is exactly what its plan wants, the plan computed here
 * from what the cluster holds, as the operator computes it: no object missing, none extra (a
 * duplicate left by a crash), every one holding what is desired.
 */
public final class PlanConformance {
  /** Every kind of object tenantguard labels as a tenant's. */
  private static final List<Class<? extends HasMetadata>> KINDS =
      List.of(Namespace.class, RoleBinding.class, NetworkPolicy.class, ResourceQuota.class, LimitRange.class,
          StorageClass.class);

  /** The stage of a tenant not yet destroyed, as the operator decides it (no floor: tests run short schedules). */
  private static final DeletionSchedule SCHEDULE = new DeletionSchedule(LifecycleSettings.STANDARD.withoutFloors());

  private PlanConformance() {}

  /** What differs from the plan, one line per object; empty when the tenant's objects are its plan. */
  public static List<String> differences(KubernetesClient admin, String tenantName) {
    Tenant tenant = admin.resources(Tenant.class).withName(tenantName).get();
    List<Namespace> owned = admin.namespaces().withLabel(Labels.TENANT, tenantName).list().getItems();
    Set<String> ownedNames = owned.stream().map(ns -> ns.getMetadata().getName()).collect(Collectors.toSet());
    Map<String, String> heldElsewhere = tenant.getSpec().namespaces().stream()
        .map(TenantNamespace::name)
        .filter(name -> !ownedNames.contains(name) && admin.namespaces().withName(name).get() != null)
        .collect(Collectors.toMap(Function.identity(), name -> "is not this tenant's"));
    Map<String, DataClassification> classifications = byName(admin.resources(DataClassification.class).list().getItems());
    Instant now = Instant.now();
    TenantPlan plan = OperatorRuntime.pipeline(SeparationDefaults.STANDARD).plan(new TenantInputs(tenant,
        byName(admin.resources(Region.class).list().getItems()), classifications, owned, heldElsewhere, now)
        .withLifecycle(SCHEDULE.decide(tenant, classifications, owned, null, now)));
    List<String> differences = new ArrayList<>();
    Set<String> planned = new LinkedHashSet<>();
    for (HasMetadata desired : plan.objects()) {
      planned.add(key(desired));
      HasMetadata actual = admin.resource(desired).get();
      if (actual == null) {
        differences.add("missing " + key(desired));
      } else if (!DesiredState.holds(actual, desired)) {
        differences.add("differs " + key(desired));
      }
    }
    for (Class<? extends HasMetadata> kind : KINDS) {
      admin.resources(kind).inAnyNamespace().withLabel(Labels.TENANT, tenantName).list().getItems().stream()
          .filter(object -> object.getMetadata().getDeletionTimestamp() == null)
          .map(PlanConformance::key)
          .filter(key -> !planned.contains(key))
          .forEach(key -> differences.add("extra " + key));
    }
    return differences;
  }

  private static String key(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
  }

  private static <R extends HasMetadata> Map<String, R> byName(List<R> objects) {
    return objects.stream().collect(Collectors.toMap(o -> o.getMetadata().getName(), Function.identity()));
  }
}
