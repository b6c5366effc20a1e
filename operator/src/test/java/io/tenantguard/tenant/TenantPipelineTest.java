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
import io.tenantguard.capability.TenantInputs;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.time.Instant;
import io.tenantguard.placement.NodeSelection;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.api.v1alpha1.tenant.NetworkPeer;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.testing.Examples;
import io.tenantguard.testing.TenantEdits;
import java.util.List;
import java.util.Map;
import io.tenantguard.evidence.Evidence;
import org.junit.jupiter.api.Test;

class TenantPipelineTest {
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final TenantPipeline pipeline = OperatorRuntime.pipeline(io.tenantguard.separation.SeparationDefaults.STANDARD);

  private TenantPlan plan(Tenant tenant, List<Namespace> owned, Map<String, String> heldElsewhere) {
    return pipeline.plan(new TenantInputs(tenant, Examples.regions(), Examples.classifications(), owned, heldElsewhere, NOW));
  }

  @Test
  void healthTenantGetsIsolatedPinnedNamespacesInFrance() {
    TenantPlan plan = plan(Examples.tenant("clinique-horizon"), List.of(), Map.of());

    assertThat(plan.namespaces()).extracting(NamespaceStatus::state).containsOnly(NamespaceState.Provisioned);
    Namespace records = plan.objects(Namespace.class).get(0);
    assertThat(records.getMetadata().getLabels())
        .containsEntry(Labels.MANAGED_BY, "tenantguard")
        .containsEntry(Labels.TENANT, "clinique-horizon")
        .containsEntry(Labels.REGION, "fr-paris")
        .containsEntry(Labels.CLASSIFICATION, "health")
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
        .containsEntry("tenantguard.io/pinned", "true");
    assertThat(records.getMetadata().getAnnotations())
        .containsEntry(NodeSelection.NODE_SELECTOR_ANNOTATION, "topology.kubernetes.io/region=fr-paris");
    assertThat(plan.hosting().countries()).containsExactly("FR");
    assertThat(plan.hosting().centres()).containsExactly("PAR1 Saint-Denis", "PAR2 Aubervilliers");
  }

  @Test
  void everyNamespaceGetsDefaultDenyTenantTrafficAndDeclaredFlows() {
    TenantPlan plan = plan(Examples.tenant("clinique-horizon"), List.of(), Map.of());

    List<NetworkPolicy> records =
        plan.objects(NetworkPolicy.class).stream().filter(p -> p.getMetadata().getNamespace().equals("horizon-records")).toList();
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

    assertThat(plan.objects(RoleBinding.class)).hasSize(3 * 3);
    assertThat(plan.objects(RoleBinding.class)).filteredOn(b -> b.getMetadata().getNamespace().equals("horizon-portal"))
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
    assertThat(plan.objects(Namespace.class).get(0).getMetadata().getLabels()).doesNotContainKey("tenantguard.io/pinned");
    assertThat(plan.hosting().countries()).containsExactly("DE", "US");
  }

  @Test
  void aNamespaceHeldElsewhereIsReportedAndLeftOutOfThePlan() {
    TenantPlan plan =
        plan(Examples.tenant("lumiere-media"), List.of(), Map.of("lumiere-web", "is not managed by tenantguard"));

    assertThat(plan.namespaces().get(0).state()).isEqualTo(NamespaceState.Conflict);
    assertThat(plan.namespaces().get(0).message())
        .isEqualTo("namespace lumiere-web (spec.namespaces[0].name) already exists and is not managed by tenantguard:"
            + " it is left untouched");
    assertThat(plan.objects(Namespace.class)).extracting(ns -> ns.getMetadata().getName()).containsExactly("lumiere-cdn");
    assertThat(plan.objects(NetworkPolicy.class)).noneMatch(p -> p.getMetadata().getNamespace().equals("lumiere-web"));
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
    assertThat(plan.objects(Namespace.class)).extracting(ns -> ns.getMetadata().getName()).doesNotContain("horizon-records");
  }

  @Test
  void anExistingNamespaceThatNowBreaksARuleStaysIsolatedAndIsReportedViolated() {
    Tenant clinic = Examples.tenant("clinique-horizon");
    Namespace existing = plan(clinic, List.of(), Map.of()).objects(Namespace.class).get(0);
    var regions = Examples.regions();
    var paris = regions.get("fr-paris");
    paris.setSpec(new io.tenantguard.api.v1alpha1.region.RegionSpec(
        paris.getSpec().displayName(), "FR", paris.getSpec().jurisdiction(), paris.getSpec().zones(),
        paris.getSpec().hostingCentres(), List.of(io.tenantguard.api.v1alpha1.Certification.ISO27001),
        paris.getSpec().nodeSelector(), paris.getSpec().storage(), paris.getSpec().maintenance()));

    TenantPlan plan =
        pipeline.plan(new TenantInputs(clinic, regions, Examples.classifications(), List.of(existing), Map.of(), NOW));

    assertThat(plan.namespaces().get(0).state()).isEqualTo(NamespaceState.Violated);
    assertThat(plan.namespaces().get(0).message()).contains("requires certification HDS").contains("not moved");
    assertThat(plan.objects(Namespace.class)).extracting(ns -> ns.getMetadata().getName()).contains("horizon-records");
    assertThat(plan.namespaces().get(1).state()).isEqualTo(NamespaceState.Refused);
  }

  @Test
  void aNamespaceRemovedFromTheSpecIsRetainedNotDeleted() {
    Tenant media = Examples.tenant("lumiere-media");
    List<Namespace> owned = plan(media, List.of(), Map.of()).objects(Namespace.class);
    media = TenantEdits.namespaces(media, list -> list.subList(0, 1));

    TenantPlan plan = plan(media, owned, Map.of());

    assertThat(plan.namespaces()).extracting(NamespaceStatus::name, NamespaceStatus::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("lumiere-web", NamespaceState.Provisioned),
            org.assertj.core.groups.Tuple.tuple("lumiere-cdn", NamespaceState.Retained));
    assertThat(plan.objects(Namespace.class)).hasSize(2);
  }

  @Test
  void strictClassificationRefusesDeclaredEgressOutsideTheCluster() {
    Tenant clinic = TenantEdits.addEgress(Examples.tenant("clinique-horizon"), new NetworkPeer(null, null, "198.51.100.0/24", null));

    TenantPlan plan = plan(clinic, List.of(), Map.of());

    assertThat(evidence(plan, "SNC-13.2").message()).endsWith("declared flows refused: "
        + "egress to 198.51.100.0/24 from horizon-records (classification health is Strict), "
        + "egress to 198.51.100.0/24 from horizon-imaging (classification health is Strict)");
    NetworkPolicy portalDeclared = plan.objects(NetworkPolicy.class).stream()
        .filter(p -> p.getMetadata().getNamespace().equals("horizon-portal")
            && p.getMetadata().getName().equals(NetworkPolicies.ALLOW_DECLARED))
        .findFirst().orElseThrow();
    assertThat(portalDeclared.getSpec().getEgress().get(0).getTo().get(0).getIpBlock().getCidr()).isEqualTo("198.51.100.0/24");
  }

  @Test
  void aNamespaceWhoseClassificationIsGoneKeepsTheProtectionItWasProvisionedUnder() {
    Tenant clinic = TenantEdits.addEgress(Examples.tenant("clinique-horizon"), new NetworkPeer(null, null, "198.51.100.0/24", null));
    List<Namespace> owned = plan(clinic, List.of(), Map.of()).objects(Namespace.class);
    var classifications = Examples.classifications();
    classifications.remove("health");

    TenantPlan plan = pipeline.plan(new TenantInputs(clinic, Examples.regions(), classifications, owned, Map.of(), NOW));

    NamespaceStatus records = plan.namespaces().get(0);
    assertThat(records.state()).isEqualTo(NamespaceState.Violated);
    assertThat(records.message()).contains("DataClassification health does not exist").contains("keeps the protection");
    Namespace recordsNamespace = plan.objects(Namespace.class).get(0);
    assertThat(recordsNamespace.getMetadata().getLabels()).containsEntry("tenantguard.io/pinned", "true");
    assertThat(plan.objects(NetworkPolicy.class).stream()
        .filter(p -> p.getMetadata().getNamespace().equals("horizon-records"))
        .flatMap(p -> p.getSpec().getEgress().stream())
        .flatMap(rule -> rule.getTo().stream()))
        .as("still Strict: no egress outside the cluster").noneMatch(peer -> peer.getIpBlock() != null);
  }

  @Test
  void aNamespaceWhoseRegionIsGoneKeepsItsPinning() {
    Tenant clinic = Examples.tenant("clinique-horizon");
    List<Namespace> owned = plan(clinic, List.of(), Map.of()).objects(Namespace.class);
    var regions = Examples.regions();
    regions.remove("fr-paris");

    TenantPlan plan = pipeline.plan(new TenantInputs(clinic, regions, Examples.classifications(), owned, Map.of(), NOW));

    assertThat(plan.namespaces()).extracting(NamespaceStatus::state).containsOnly(NamespaceState.Violated);
    Namespace records = plan.objects(Namespace.class).get(0);
    assertThat(records.getMetadata().getLabels()).containsEntry("tenantguard.io/pinned", "true");
    assertThat(records.getMetadata().getAnnotations())
        .containsEntry(NodeSelection.NODE_SELECTOR_ANNOTATION, "topology.kubernetes.io/region=fr-paris");
  }

  @Test
  void everyControlOfTheCatalogueGetsEvidence() {
    for (String tenant : List.of("clinique-horizon", "lumiere-media")) {
      TenantPlan plan = plan(Examples.tenant(tenant), List.of(), Map.of());
      assertThat(io.tenantguard.evidence.Controls.ALL)
          .allSatisfy(control -> assertThat(plan.contributions().stream()
              .flatMap(c -> c.contribution().evidence().stream())
              .anyMatch(e -> e.control().equals(control))).as(control.id() + " for " + tenant).isTrue());
    }
  }

  @Test
  void theHealthTenantsEncryptionIsEnforcedAndAFirstReviewIsTheClientsDuty() {
    TenantPlan plan = plan(Examples.tenant("clinique-horizon"), List.of(), Map.of());

    assertThat(evidence(plan, "SNC-10.1").state()).isEqualTo(io.tenantguard.api.v1alpha1.tenant.ControlState.Enforced);
    assertThat(evidence(plan, "ISO27001-A.9.2.5").state())
        .isEqualTo(io.tenantguard.api.v1alpha1.tenant.ControlState.ClientResponsibility);
    assertThat(evidence(plan, "ISO27001-A.9.2.5").message()).startsWith("no access review yet: the first is due by ");
    assertThat(evidence(plan, "HDS-4.5.4").state()).isEqualTo(io.tenantguard.api.v1alpha1.tenant.ControlState.Enforced);
  }

  @Test
  void aMissingRequiredContactRoleIsViolatedAndNamed() {
    Tenant clinic = Examples.tenant("clinique-horizon");
    var spec = clinic.getSpec();
    clinic.setSpec(new io.tenantguard.api.v1alpha1.tenant.TenantSpec(spec.displayName(), spec.compliance(),
        spec.contacts().stream().filter(c -> !c.role().equals("healthProfessional")).toList(), spec.namespaces(),
        spec.access(), spec.quota(), spec.limits(), spec.network(), spec.encryption(), spec.lifecycle()));

    Evidence contacts = evidence(plan(clinic, List.of(), Map.of()), "HDS-4.5.4");

    assertThat(contacts.state()).isEqualTo(io.tenantguard.api.v1alpha1.tenant.ControlState.Violated);
    assertThat(contacts.message()).isEqualTo(
        "spec.contacts has no contact with role healthProfessional (required by classification health)");
  }

  @Test
  void theSamePlanHasTheSameDigestAndAChangedOneAnother() {
    Tenant media = Examples.tenant("lumiere-media");
    String digest = plan(media, List.of(), Map.of()).digest();

    assertThat(plan(Examples.tenant("lumiere-media"), List.of(), Map.of()).digest()).isEqualTo(digest);
    assertThat(plan(TenantEdits.addEgress(media, new NetworkPeer(null, null, "192.0.2.0/24", null)), List.of(), Map.of())
        .digest()).isNotEqualTo(digest);
  }

  static Evidence evidence(TenantPlan plan, String controlId) {
    return plan.contributions().stream().flatMap(c -> c.contribution().evidence().stream())
        .filter(e -> e.control().id().equals(controlId)).findFirst().orElseThrow();
  }

  private static ResourceQuota quota(TenantPlan plan, String namespace) {
    return plan.objects(ResourceQuota.class).stream().filter(q -> q.getMetadata().getNamespace().equals(namespace)).findFirst().orElseThrow();
  }
}
