package io.tenantguard.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.kube.Labels;
import io.tenantguard.separation.NetworkPolicies;
import io.tenantguard.separation.SeparationDefaults;
import io.tenantguard.separation.TenantNamespaces;
import io.tenantguard.api.v1alpha1.tenant.NetworkPeer;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.testing.Examples;
import io.tenantguard.testing.TenantEdits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantPlannerTest {
  private final TenantPlanner planner = new TenantPlanner(SeparationDefaults.STANDARD);

  private TenantPlan plan(Tenant tenant, List<Namespace> owned, Map<String, String> heldElsewhere) {
    return planner.plan(new TenantInputs(tenant, Examples.regions(), Examples.classifications(), owned, heldElsewhere));
  }

  @Test
  void healthTenantGetsIsolatedPinnedNamespacesInFrance() {
    TenantPlan plan = plan(Examples.tenant("clinique-horizon"), List.of(), Map.of());

    assertThat(plan.namespaces()).extracting(NamespaceStatus::state).containsOnly(NamespaceState.Provisioned);
    Namespace records = plan.namespaceObjects().get(0);
    assertThat(records.getMetadata().getLabels())
        .containsEntry(Labels.MANAGED_BY, "tenantguard")
        .containsEntry(Labels.TENANT, "clinique-horizon")
        .containsEntry(Labels.REGION, "fr-paris")
        .containsEntry(Labels.CLASSIFICATION, "health")
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
        .containsEntry("tenantguard.io/pinned", "true");
    assertThat(records.getMetadata().getAnnotations())
        .containsEntry(TenantNamespaces.NODE_SELECTOR_ANNOTATION, "topology.kubernetes.io/region=fr-paris");
    assertThat(plan.hosting().countries()).containsExactly("FR");
    assertThat(plan.hosting().centres()).containsExactly("PAR1 Saint-Denis", "PAR2 Aubervilliers");
  }

  @Test
  void everyNamespaceGetsDefaultDenyTenantTrafficAndDeclaredFlows() {
    TenantPlan plan = plan(Examples.tenant("clinique-horizon"), List.of(), Map.of());

    List<NetworkPolicy> records =
        plan.networkPolicies().stream().filter(p -> p.getMetadata().getNamespace().equals("horizon-records")).toList();
    assertThat(records).extracting(p -> p.getMetadata().getName())
        .containsExactly(NetworkPolicies.DEFAULT_DENY, NetworkPolicies.ALLOW_TENANT, NetworkPolicies.ALLOW_DECLARED);
    NetworkPolicy deny = records.get(0);
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isEmpty();
    assertThat(deny.getSpec().getEgress()).isEmpty();
    NetworkPolicy tenant = records.get(1);
    assertThat(tenant.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels())
        .containsEntry(Labels.TENANT, "clinique-horizon");
    assertThat(tenant.getSpec().getEgress().get(1).getPorts()).extracting(p -> p.getPort().getIntVal()).containsOnly(53);
  }

  @Test
  void accessIsOneRoleBindingPerRolePerNamespace() {
    TenantPlan plan = plan(Examples.tenant("clinique-horizon"), List.of(), Map.of());

    assertThat(plan.roleBindings()).hasSize(3 * 3);
    assertThat(plan.roleBindings()).filteredOn(b -> b.getMetadata().getNamespace().equals("horizon-portal"))
        .extracting(b -> b.getRoleRef().getName())
        .containsExactlyInAnyOrder("tenantguard-admin", "tenantguard-developer", "tenantguard-auditor");
  }

  @Test
  void namespaceQuotaOverridesTheTenantsWhichOverridesTheDefaults() {
    TenantPlan plan = plan(Examples.tenant("clinique-horizon"), List.of(), Map.of());

    ResourceQuota imaging = quota(plan, "horizon-imaging");
    assertThat(imaging.getSpec().getHard())
        .containsEntry("requests.storage", new Quantity("2Ti"))
        .containsEntry("limits.cpu", new Quantity("16"))
        .containsEntry("secrets", new Quantity("100"))
        .containsEntry("services.nodeports", new Quantity("0"))
        .containsEntry("services.loadbalancers", new Quantity("0"));
    assertThat(quota(plan, "horizon-records").getSpec().getHard()).containsEntry("requests.storage", new Quantity("500Gi"));
  }

  @Test
  void publicClassificationAllowsLoadBalancersAndDoesNotPin() {
    TenantPlan plan = plan(Examples.tenant("lumiere-media"), List.of(), Map.of());

    assertThat(quota(plan, "lumiere-web").getSpec().getHard())
        .containsEntry("services.loadbalancers", new Quantity("2"))
        .containsEntry("services.nodeports", new Quantity("0"));
    assertThat(plan.namespaceObjects().get(0).getMetadata().getLabels()).doesNotContainKey("tenantguard.io/pinned");
    assertThat(plan.hosting().countries()).containsExactly("DE", "US");
  }

  @Test
  void aNamespaceHeldElsewhereIsReportedAndLeftOutOfThePlan() {
    TenantPlan plan =
        plan(Examples.tenant("lumiere-media"), List.of(), Map.of("lumiere-web", "is not managed by tenantguard"));

    assertThat(plan.namespaces().get(0).state()).isEqualTo(NamespaceState.Conflict);
    assertThat(plan.namespaces().get(0).message())
        .isEqualTo("namespace lumiere-web already exists and is not managed by tenantguard: it is left untouched");
    assertThat(plan.namespaceObjects()).extracting(ns -> ns.getMetadata().getName()).containsExactly("lumiere-cdn");
    assertThat(plan.networkPolicies()).noneMatch(p -> p.getMetadata().getNamespace().equals("lumiere-web"));
  }

  @Test
  void aRefusedPlacementProvisionsNothingForThatNamespace() {
    Tenant clinic = TenantEdits.namespaces(Examples.tenant("clinique-horizon"), list -> {
      list.set(0, new TenantNamespace("horizon-records", "de-frankfurt", "health", null));
      return list;
    });

    TenantPlan plan = plan(clinic, List.of(), Map.of());

    NamespaceStatus records = plan.namespaces().get(0);
    assertThat(records.state()).isEqualTo(NamespaceState.Refused);
    assertThat(records.message()).contains("requires certification HDS, which region de-frankfurt (DE, EU) does not hold");
    assertThat(plan.namespaceObjects()).extracting(ns -> ns.getMetadata().getName()).doesNotContain("horizon-records");
  }

  @Test
  void anExistingNamespaceThatNowBreaksARuleStaysIsolatedAndIsReportedViolated() {
    Tenant clinic = Examples.tenant("clinique-horizon");
    Namespace existing = plan(clinic, List.of(), Map.of()).namespaceObjects().get(0);
    var regions = Examples.regions();
    var paris = regions.get("fr-paris");
    paris.setSpec(new io.tenantguard.api.v1alpha1.region.RegionSpec(
        paris.getSpec().displayName(), "FR", paris.getSpec().jurisdiction(), paris.getSpec().zones(),
        paris.getSpec().hostingCentres(), List.of(io.tenantguard.api.v1alpha1.Certification.ISO27001),
        paris.getSpec().nodeSelector(), paris.getSpec().storage(), paris.getSpec().maintenance()));

    TenantPlan plan =
        planner.plan(new TenantInputs(clinic, regions, Examples.classifications(), List.of(existing), Map.of()));

    assertThat(plan.namespaces().get(0).state()).isEqualTo(NamespaceState.Violated);
    assertThat(plan.namespaces().get(0).message()).contains("requires certification HDS").contains("not moved");
    assertThat(plan.namespaceObjects()).extracting(ns -> ns.getMetadata().getName()).contains("horizon-records");
    assertThat(plan.namespaces().get(1).state()).isEqualTo(NamespaceState.Refused);
  }

  @Test
  void aNamespaceRemovedFromTheSpecIsRetainedNotDeleted() {
    Tenant media = Examples.tenant("lumiere-media");
    List<Namespace> owned = plan(media, List.of(), Map.of()).namespaceObjects();
    media = TenantEdits.namespaces(media, list -> list.subList(0, 1));

    TenantPlan plan = plan(media, owned, Map.of());

    assertThat(plan.namespaces()).extracting(NamespaceStatus::name, NamespaceStatus::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("lumiere-web", NamespaceState.Provisioned),
            org.assertj.core.groups.Tuple.tuple("lumiere-cdn", NamespaceState.Retained));
    assertThat(plan.namespaceObjects()).hasSize(2);
  }

  @Test
  void strictClassificationRefusesDeclaredEgressOutsideTheCluster() {
    Tenant clinic = TenantEdits.addEgress(Examples.tenant("clinique-horizon"), new NetworkPeer(null, null, "198.51.100.0/24", null));

    TenantPlan plan = plan(clinic, List.of(), Map.of());

    assertThat(plan.refusedFlows())
        .containsExactly(
            "egress to 198.51.100.0/24 from horizon-records (classification health is Strict)",
            "egress to 198.51.100.0/24 from horizon-imaging (classification health is Strict)");
    NetworkPolicy portalDeclared = plan.networkPolicies().stream()
        .filter(p -> p.getMetadata().getNamespace().equals("horizon-portal")
            && p.getMetadata().getName().equals(NetworkPolicies.ALLOW_DECLARED))
        .findFirst().orElseThrow();
    assertThat(portalDeclared.getSpec().getEgress().get(0).getTo().get(0).getIpBlock().getCidr()).isEqualTo("198.51.100.0/24");
  }

  private static ResourceQuota quota(TenantPlan plan, String namespace) {
    return plan.resourceQuotas().stream().filter(q -> q.getMetadata().getNamespace().equals(namespace)).findFirst().orElseThrow();
  }
}
