package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.classification.NetworkIsolation;
import io.tenantguard.api.v1alpha1.classification.Requirements;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.api.v1alpha1.tenant.Quota;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.api.v1alpha1.tenant.TenantSpec;
import io.tenantguard.kube.Labels;
import io.tenantguard.placement.PlacementRules;
import io.tenantguard.separation.AccessBindings;
import io.tenantguard.separation.NetworkPolicies;
import io.tenantguard.separation.Quotas;
import io.tenantguard.separation.SeparationDefaults;
import io.tenantguard.separation.TenantNamespaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Computes a tenant's desired state from its inputs: a pure function, tested without a cluster. */
public final class TenantPlanner {
  private final SeparationDefaults defaults;

  public TenantPlanner(SeparationDefaults defaults) {
    this.defaults = defaults;
  }

  public TenantPlan plan(TenantInputs inputs) {
    Tenant tenant = inputs.tenant();
    String name = tenant.getMetadata().getName();
    TenantSpec spec = tenant.getSpec();
    Builder plan = new Builder(name, spec, inputs);
    Map<String, Namespace> owned =
        inputs.ownedNamespaces().stream().collect(Collectors.toMap(ns -> ns.getMetadata().getName(), ns -> ns));

    for (TenantNamespace wanted : spec.namespaces()) {
      String holder = inputs.heldElsewhere().get(wanted.name());
      if (holder != null) {
        plan.status(wanted.name(), wanted.region(), wanted.classification(), NamespaceState.Conflict,
            "namespace " + wanted.name() + " already exists and " + holder + ": it is left untouched");
        continue;
      }
      Region region = inputs.regions().get(wanted.region());
      DataClassification classification = inputs.classifications().get(wanted.classification());
      List<String> violations =
          PlacementRules.violations(wanted.name(), wanted.region(), region, wanted.classification(),
              classification, spec.compliance());
      if (violations.isEmpty()) {
        plan.provision(wanted.name(), wanted.region(), wanted.classification(), wanted.quota(), NamespaceState.Provisioned,
            "isolated in region " + wanted.region());
      } else if (owned.containsKey(wanted.name())) {
        // Already holds data: keep it isolated, report the violation, never move or delete it.
        plan.provision(wanted.name(), wanted.region(), wanted.classification(), wanted.quota(), NamespaceState.Violated,
            String.join("; ", violations) + ". Its data is not moved: change the Region or the namespace");
      } else {
        plan.status(wanted.name(), wanted.region(), wanted.classification(), NamespaceState.Refused,
            String.join("; ", violations));
      }
    }

    Set<String> named = spec.namespaces().stream().map(TenantNamespace::name).collect(Collectors.toSet());
    owned.values().stream()
        .filter(ns -> !named.contains(ns.getMetadata().getName()))
        .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
        .forEach(ns -> {
          Map<String, String> labels = ns.getMetadata().getLabels();
          plan.provision(ns.getMetadata().getName(), labels.get(Labels.REGION), labels.get(Labels.CLASSIFICATION),
              null, NamespaceState.Retained,
              "removed from spec.namespaces; kept with its data, isolated as before, until the tenant's"
                  + " lifecycle destroys it or an administrator deletes it");
        });
    return plan.build();
  }

  /** Accumulates the plan namespace by namespace. */
  private final class Builder {
    private final String tenant;
    private final TenantSpec spec;
    private final TenantInputs inputs;
    private final List<NamespaceStatus> statuses = new ArrayList<>();
    private final List<Namespace> namespaces = new ArrayList<>();
    private final List<RoleBinding> roleBindings = new ArrayList<>();
    private final List<NetworkPolicy> networkPolicies = new ArrayList<>();
    private final List<ResourceQuota> quotas = new ArrayList<>();
    private final List<LimitRange> limitRanges = new ArrayList<>();
    private final List<String> refusedFlows = new ArrayList<>();
    private final Set<String> regions = new TreeSet<>();
    private final Set<String> countries = new TreeSet<>();
    private final Set<String> centres = new TreeSet<>();

    Builder(String tenant, TenantSpec spec, TenantInputs inputs) {
      this.tenant = tenant;
      this.spec = spec;
      this.inputs = inputs;
    }

    void status(String name, String region, String classification, NamespaceState state, String message) {
      statuses.add(new NamespaceStatus(name, region, classification, state, message));
    }

    void provision(
        String name, String regionName, String classificationName, Quota quotaOverride, NamespaceState state,
        String message) {
      status(name, regionName, classificationName, state, message);
      Region region = inputs.regions().get(regionName);
      DataClassification classification = inputs.classifications().get(classificationName);
      Requirements requirements =
          classification == null ? Requirements.NONE : classification.getSpec().requirements();
      namespaces.add(
          TenantNamespaces.desired(tenant, name, regionName, classificationName, region, restrictsPlacement(requirements), requirements, spec.network()));
      roleBindings.addAll(AccessBindings.desired(tenant, spec, name));
      NetworkPolicies.Desired network =
          NetworkPolicies.desired(tenant, name, spec.network(), requirements.networkIsolation());
      networkPolicies.addAll(network.policies());
      network.refusedFlows().forEach(flow -> refusedFlows.add(
          flow + " from " + name + " (classification " + classificationName + " is " + NetworkIsolation.Strict + ")"));
      Quota quota = Objects.requireNonNullElse(quotaOverride, Quota.NONE).over(spec.quota()).over(defaults.quota());
      quotas.add(Quotas.quota(tenant, name, quota, requirements.allowedServiceTypes()));
      limitRanges.add(Quotas.limitRange(tenant, name, spec.limits().over(defaults.limits())));
      regions.add(regionName);
      if (region != null) {
        countries.add(region.getSpec().country());
        centres.addAll(region.getSpec().hostingCentres());
      }
    }

    /** Data whose classification restricts its hosting must run only on its region's nodes. */
    private boolean restrictsPlacement(Requirements requirements) {
      return !requirements.certifications().isEmpty()
          || !requirements.allowedCountries().isEmpty()
          || !requirements.allowedJurisdictions().isEmpty();
    }

    TenantPlan build() {
      return new TenantPlan(statuses, namespaces, roleBindings, networkPolicies, quotas, limitRanges, refusedFlows,
          new TenantPlan.Hosting(List.copyOf(regions), List.copyOf(countries), List.copyOf(centres)));
    }
  }
}
