package io.tenantguard.separation;

import io.tenantguard.api.v1alpha1.classification.NetworkIsolation;
import io.tenantguard.api.v1alpha1.classification.Requirements;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.Quota;
import io.tenantguard.capability.Capability;
import io.tenantguard.capability.Contribution;
import io.tenantguard.capability.NamespaceMetadata;
import io.tenantguard.capability.PlacedNamespace;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.evidence.Control;
import io.tenantguard.evidence.Controls;
import io.tenantguard.evidence.Evidence;
import io.tenantguard.kube.StatusConditions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Tenant separation: in every namespace the tenant holds, Pod Security restricted, default-deny
 * NetworkPolicies with only intra-tenant, DNS and declared flows, a ResourceQuota and LimitRange,
 * and RoleBindings for the tenant's own subjects.
 */
public final class SeparationCapability implements Capability {
  public static final String ENFORCED = "Enforced";
  public static final String NAMESPACE_CONFLICT = "NamespaceConflict";
  /** The classification's network isolation, Standard or Strict: what the escape policies key on. */
  public static final String NETWORK_ISOLATION_LABEL = "tenantguard.io/network-isolation";
  private static final List<Control> CONTROLS =
      List.of(Controls.ISO_NETWORK_SEGREGATION, Controls.SNC_CLIENT_SEPARATION, Controls.SNC_LEGITIMATE_FLOWS);

  private final SeparationDefaults defaults;

  public SeparationCapability(SeparationDefaults defaults) {
    this.defaults = defaults;
  }

  @Override
  public List<String> conditions() {
    return List.of(StatusConditions.ISOLATED);
  }

  @Override
  public Contribution contribute(TenantInputs inputs, List<PlacedNamespace> namespaces) {
    String tenant = inputs.name();
    Contribution.Builder contribution = Contribution.builder();
    List<String> refusedFlows = new ArrayList<>();
    int isolated = 0;
    for (PlacedNamespace namespace : namespaces) {
      if (!namespace.provisioned()) {
        continue;
      }
      isolated++;
      String name = namespace.name();
      Requirements requirements = namespace.view().requirements();
      Map<String, String> labels = new LinkedHashMap<>(PodSecurity.restricted());
      labels.put(NETWORK_ISOLATION_LABEL, requirements.networkIsolation().name());
      contribution.namespaceMetadata(name, new NamespaceMetadata(labels,
          DeclaredFlows.annotations(inputs.spec().network(), requirements.networkIsolation())));
      NetworkPolicies.Desired network =
          NetworkPolicies.desired(tenant, name, inputs.spec().network(), requirements.networkIsolation());
      contribution.objects(network.policies());
      network.refusedFlows().forEach(flow -> refusedFlows.add(flow + " from " + name + " (classification "
          + namespace.view().classificationName() + " is " + NetworkIsolation.Strict + ")"));
      Quota quota = Objects.requireNonNullElse(namespace.view().quota(), Quota.NONE)
          .over(inputs.spec().quota()).over(defaults.quota());
      contribution.object(Quotas.quota(tenant, name, quota, requirements.allowedServiceTypes()));
      contribution.object(Quotas.limitRange(tenant, name, ContainerLimits.of(inputs.spec().limits(), defaults.limits())));
      // in the order the operator applies them (TenantReconciler): access once the namespace is confined
      contribution.objects(AccessBindings.desired(tenant, inputs.spec(), name, inputs.lifecycle()));
    }
    String conflicts = namespaces.stream()
        .filter(ns -> ns.state() == NamespaceState.Conflict)
        .map(PlacedNamespace::message)
        .collect(Collectors.joining("; "));
    for (Control control : CONTROLS) {
      contribution.evidence(conflicts.isEmpty()
          ? new Evidence(control, ControlState.Enforced, StatusConditions.ISOLATED, ENFORCED,
              enforced(isolated, refusedFlows))
          : new Evidence(control, ControlState.Violated, StatusConditions.ISOLATED, NAMESPACE_CONFLICT, conflicts));
    }
    return contribution.build();
  }

  private static String enforced(int isolated, List<String> refusedFlows) {
    String message = isolated + " namespace(s) isolated: Pod Security restricted, default-deny NetworkPolicies with"
        + " intra-tenant and DNS traffic, ResourceQuota and LimitRange, access for the tenant's subjects only;"
        + " escapes closed: " + ClosedEscapes.all().stream().map(ClosedEscapes.Escape::id).collect(Collectors.joining(", "));
    return refusedFlows.isEmpty() ? message : message + "; declared flows refused: " + String.join(", ", refusedFlows);
  }
}
