package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.Quota;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantSpec;
import io.tenantguard.kube.Labels;
import io.tenantguard.lifecycle.DataDeletionProtection;
import io.tenantguard.lifecycle.OrphanedNamespaces;
import io.tenantguard.local.ManifestFiles;
import io.tenantguard.separation.NetworkPolicies;
import io.tenantguard.separation.ManagedObjectProtection;
import io.tenantguard.separation.Quotas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No single deletion destroys a tenant's data or what protects it, on the real control plane:
 * every path a platform team, a GitOps prune or a careless admin could take is tried.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE - 2) // after every suite that shares the operator (it removes the CRDs), before LeastPrivilegeTest
class DataSafetyTest {
  private static final String TENANT = "safe-clinic";
  private static final String CERTIFICATES_CRD = "destructioncertificates.tenantguard.io";
  private static final String RECORDS = "safe-clinic-records";
  private static final String WEB = "safe-clinic-web";

  private RealCluster.Cluster cluster;
  /** The test's own admin, which the operator under test also runs as: it sets things up. */
  private KubernetesClient admin;
  /** A cluster admin of the platform team (system:masters), who is not the operator. */
  private KubernetesClient platformAdmin;

  @BeforeAll
  void aProvisionedTenant(RealCluster.Cluster cluster) {
    this.cluster = cluster;
    cluster.operator();
    admin = cluster.admin();
    platformAdmin = Platform.platformAdmin(cluster);
    Platform.applyRegionsAndClassifications(admin);
    Platform.apply(admin, tenant());
    Platform.awaitProvisioned(admin, TENANT);
  }

  private static Tenant webOnly() {
    Tenant tenant = tenant();
    tenant.setSpec(io.tenantguard.testing.TenantEdits.namespaces(tenant, list -> list.subList(1, 2)).getSpec());
    return tenant;
  }

  private static Tenant tenant() {
    Tenant tenant = Tenants.tenant(TENANT, List.of(io.tenantguard.api.v1alpha1.Certification.HDS),
        Tenants.namespace(RECORDS, "fr-paris", "health"), Tenants.namespace(WEB, "fr-paris", "public"));
    TenantSpec s = tenant.getSpec();
    // 4000m and 1024Mi: the API server stores them as 4 and 1Gi
    tenant.setSpec(new TenantSpec(s.displayName(), s.compliance(), s.contacts(), s.namespaces(), s.access(),
        new Quota(new io.fabric8.kubernetes.api.model.Quantity("4000m"), new io.fabric8.kubernetes.api.model.Quantity("1024Mi"),
            null, null, null, null, null, null, null, null, null, null, null, null),
        s.limits(), s.network(), s.encryption(), s.lifecycle()));
    return tenant;
  }

  @Test
  @Order(1)
  void deletingATenantThatHoldsDataIsRefusedHoweverItIsAsked() {
    var tenant = platformAdmin.resources(Tenant.class).withName(TENANT);
    for (ThrowingCallable deletion : List.<ThrowingCallable>of(
        tenant::delete,
        () -> tenant.withPropagationPolicy(DeletionPropagation.FOREGROUND).delete(),
        () -> tenant.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete(),
        () -> tenant.withPropagationPolicy(DeletionPropagation.ORPHAN).delete())) {
      assertRefusedByPolicy(deletion, DataDeletionProtection.TENANTS,
          "tenant safe-clinic still holds the data of namespaces safe-clinic-records, safe-clinic-web",
          "set spec.lifecycle.state: Terminated");
    }
    assertThat(admin.resources(Tenant.class).withName(TENANT).get().getMetadata().getDeletionTimestamp()).isNull();
  }

  @Test
  @Order(2)
  void deletingAListedNamespaceIsRefusedEvenToAClusterAdmin() {
    assertRefusedByPolicy(() -> platformAdmin.namespaces().withName(RECORDS).delete(), DataDeletionProtection.NAMESPACES,
        "namespace safe-clinic-records holds data of tenant safe-clinic",
        "remove it from the Tenant's spec.namespaces");
    assertThat(admin.namespaces().withName(RECORDS).get().getMetadata().getDeletionTimestamp()).isNull();
  }

  @Test
  @Order(3)
  void nobodyButTheOperatorForgesOrDropsNamespaceOwnership() {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("safe-foreign").endMetadata().build())
        .serverSideApply();
    assertRefusedByPolicy(() -> platformAdmin.namespaces().withName("safe-foreign").edit(ns -> {
      ns.getMetadata().getLabels().putAll(Labels.owned(TENANT));
      return ns;
    }), DataDeletionProtection.NAMESPACES, "only tenantguard sets or changes them");
    assertRefusedByPolicy(() -> platformAdmin.namespaces().withName(RECORDS).edit(ns -> {
      ns.getMetadata().getLabels().put(Labels.RETAINED, "true");
      return ns;
    }), DataDeletionProtection.NAMESPACES, "only tenantguard sets or changes them");
  }

  /** Its caches may lag: a namespace created just before a Tenant names it must still not be taken. */
  @Test
  @Order(3)
  void evenTheOperatorCannotMarkAnExistingNamespaceAsTenantguards() {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("safe-late").endMetadata().build())
        .serverSideApply();
    assertRefusedByPolicy(() -> cluster.operator().client().namespaces().withName("safe-late").edit(ns -> {
      ns.getMetadata().setLabels(Labels.owned(TENANT));
      return ns;
    }), DataDeletionProtection.NEVER_ADOPT, "namespace safe-late was not created by tenantguard");
    assertThat(admin.namespaces().withName("safe-late").get().getMetadata().getLabels()).doesNotContainKey(Labels.TENANT);
  }

  @Test
  @Order(4)
  void aClassificationOrRegionInUseCannotBeDeleted() {
    assertRefusedByPolicy(() -> platformAdmin.resources(DataClassification.class).withName("health").delete(),
        "tenantguard-protect-referenced-objects", "DataClassification health is in use by tenants", TENANT);
    assertRefusedByPolicy(() -> platformAdmin.resources(Region.class).withName("fr-paris").delete(),
        "tenantguard-protect-referenced-objects", "Region fr-paris is in use by tenants", TENANT);
  }

  @Test
  @Order(5)
  void aDeletedProtectionBindingIsBackWithinTenSecondsAndTenantsAreRefusedAgain() {
    platformAdmin.admissionRegistration().v1().validatingAdmissionPolicyBindings().withName(ManagedObjectProtection.NAME)
        .delete();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        admin.admissionRegistration().v1().validatingAdmissionPolicyBindings().withName(ManagedObjectProtection.NAME).get())
        .isNotNull());
    try (KubernetesClient tenantAdmin = cluster.as("admin@" + TENANT + ".example")) {
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> tenantAdmin.network().v1()
          .networkPolicies().inNamespace(WEB).withName(NetworkPolicies.DEFAULT_DENY).delete())
          .hasMessageContaining("tenantguard manages networkpolicies " + WEB + "/" + NetworkPolicies.DEFAULT_DENY));
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events("default"))
        .anyMatch(e -> e.getReason().equals("DriftReverted") && e.getMessage().contains(ManagedObjectProtection.NAME)));
  }

  @Test
  @Order(6)
  void everyAdmissionPolicyAndBindingDeletedIsBackWithinTenSeconds() {
    var policies = platformAdmin.admissionRegistration().v1().validatingAdmissionPolicies();
    var bindings = platformAdmin.admissionRegistration().v1().validatingAdmissionPolicyBindings();
    List<HasMetadata> managed = new java.util.ArrayList<>();
    managed.addAll(policies.withLabel(Labels.MANAGED_BY, Labels.MANAGER).list().getItems());
    managed.addAll(bindings.withLabel(Labels.MANAGED_BY, Labels.MANAGER).list().getItems());
    assertThat(managed).extracting(o -> o.getMetadata().getName()).contains(DataDeletionProtection.TENANTS,
        DataDeletionProtection.NAMESPACES, "tenantguard-protect-referenced-objects", ManagedObjectProtection.NAME);

    for (HasMetadata object : managed) {
      platformAdmin.resource(object).delete();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        HasMetadata back = platformAdmin.resource(object).get();
        assertThat(back).as(object.getKind() + " " + object.getMetadata().getName()).isNotNull();
        assertThat(back.getMetadata().getUid()).isNotEqualTo(object.getMetadata().getUid());
      });
    }
    // and what they refuse is refused again
    assertRefusedByPolicy(() -> platformAdmin.resources(Tenant.class).withName(TENANT).delete(),
        DataDeletionProtection.TENANTS, "still holds the data");
  }

  @Test
  @Order(7)
  void aRegionEditThatReappliesObjectsIsNoDriftAndQuantitiesByValueCostNoWrite() {
    ResourceQuota quota = admin.resourceQuotas().inNamespace(WEB).withName(Quotas.QUOTA).get();
    assertThat(quota.getSpec().getHard().get("requests.cpu").toString()).isEqualTo("4");
    String namespaceVersion = admin.namespaces().withName(WEB).get().getMetadata().getResourceVersion();
    Region paris = io.tenantguard.testing.Examples.regions().get("fr-paris");
    Map<String, String> selector = new java.util.TreeMap<>(paris.getSpec().nodeSelector());
    selector.put("node.example.cloud/pool", "general");
    Region edited = io.tenantguard.testing.Examples.regions().get("fr-paris");
    edited.setSpec(new io.tenantguard.api.v1alpha1.region.RegionSpec(paris.getSpec().displayName(),
        paris.getSpec().country(), paris.getSpec().jurisdiction(), paris.getSpec().zones(),
        paris.getSpec().hostingCentres(), paris.getSpec().certifications(), selector,
        paris.getSpec().storage(), paris.getSpec().maintenance()));
    try {
      Platform.apply(admin, edited);

      await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(admin.namespaces().withName(WEB).get()
          .getMetadata().getAnnotations().get(io.tenantguard.placement.NodeSelection.NODE_SELECTOR_ANNOTATION))
          .contains("node.example.cloud/pool=general"));
      assertThat(admin.namespaces().withName(WEB).get().getMetadata().getResourceVersion()).isNotEqualTo(namespaceVersion);
      Platform.awaitProvisioned(admin, TENANT);
      assertThat(admin.resourceQuotas().inNamespace(WEB).withName(Quotas.QUOTA).get().getMetadata().getResourceVersion())
          .as("a quota asked as 4000m is 4: no write").isEqualTo(quota.getMetadata().getResourceVersion());
      assertThat(events("default")).filteredOn(e -> TENANT.equals(e.getInvolvedObject().getName()))
          .noneMatch(e -> e.getReason().equals("DriftReverted"))
          .anyMatch(e -> e.getReason().equals("Applied") && e.getMessage().contains("updated Namespace " + WEB));
    } finally {
      Platform.apply(admin, paris);
    }
  }

  @Test
  @Order(8)
  void aNamespaceRemovedFromTheSpecIsRetainedAndThenAnAdminMayDeleteIt() {
    Platform.apply(admin, webOnly());

    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(
        admin.resources(Tenant.class).withName(TENANT).get().getStatus().namespaces())
        .anyMatch(ns -> ns.name().equals(RECORDS) && ns.state() == NamespaceState.Retained));
    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(
        admin.namespaces().withName(RECORDS).get().getMetadata().getLabels()).containsEntry(Labels.RETAINED, "true"));
    assertThat(admin.network().v1().networkPolicies().inNamespace(RECORDS).list().getItems())
        .as("still isolated while retained").isNotEmpty();

    platformAdmin.namespaces().withName(RECORDS).delete();
    await().atMost(Platform.PATIENCE).until(() -> admin.namespaces().withName(RECORDS).get() == null);
  }

  @Test
  @Order(9)
  void removingTheCrdsLeavesNamespacesIsolatedAndProtectedAndReapplyingTakesThemBack() {
    Map<String, String> before = versions(WEB);
    // what the other test classes left on the shared cluster, put back with the CRDs: nothing stays orphaned
    List<HasMetadata> others = new ArrayList<>();
    others.addAll(specsOf(admin.resources(Region.class).list().getItems(), Region::new));
    others.addAll(specsOf(admin.resources(DataClassification.class).list().getItems(), DataClassification::new));
    others.addAll(specsOf(admin.resources(Tenant.class).list().getItems().stream()
        .filter(t -> !t.getMetadata().getName().equals(TENANT)).toList(), Tenant::new));
    try (KubernetesClient tenantAdmin = cluster.as("admin@" + TENANT + ".example")) {
      // the certificates' CRD goes only once no certificate is kept (the lifecycle's policy): an
      // uninstall takes the others, which hold no proof
      if (!admin.resources(io.tenantguard.api.v1alpha1.certificate.DestructionCertificate.class).list().getItems()
          .isEmpty()) {
        assertRefusedByPolicy(() -> platformAdmin.apiextensions().v1().customResourceDefinitions()
            .withName(CERTIFICATES_CRD).delete(), "tenantguard-protect-destruction-certificates", "cannot be deleted");
      }
      admin.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
          .filter(crd -> crd.getSpec().getGroup().equals("tenantguard.io") && !crd.getMetadata().getName().equals(CERTIFICATES_CRD))
          .forEach(crd -> platformAdmin.resource(crd).delete());
      await().atMost(Platform.PATIENCE).until(() -> admin.apiextensions().v1().customResourceDefinitions().list()
          .getItems().stream().noneMatch(crd -> crd.getSpec().getGroup().equals("tenantguard.io")
              && !crd.getMetadata().getName().equals(CERTIFICATES_CRD)));

      await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(events(WEB))
          .anyMatch(e -> e.getReason().equals(OrphanedNamespaces.ORPHANED)
              && e.getMessage().contains("Tenant safe-clinic no longer exists")));
      assertThat(admin.namespaces().withName(WEB).get().getMetadata().getDeletionTimestamp()).isNull();
      assertThat(versions(WEB)).as("every protecting object still there, untouched").isEqualTo(before);
      Attacks.refused(Attacks.Rule.policy(ManagedObjectProtection.NAME, "tenantguard manages networkpolicies"),
          () -> tenantAdmin.network().v1().networkPolicies().inNamespace(WEB).withName(NetworkPolicies.DEFAULT_DENY).delete());
      assertRefusedByPolicy(() -> platformAdmin.namespaces().withName(WEB).delete(), DataDeletionProtection.NAMESPACES,
          "holds data of tenant safe-clinic");
    }

    cluster.stopOperator();
    ManifestFiles.installCrds(admin, E2e.repoRoot().resolve("crds"), "tenantguard-e2e");
    others.forEach(other -> Platform.apply(admin, other));
    Platform.apply(admin, webOnly());
    cluster.operator();
    Tenant back = Platform.awaitProvisioned(admin, TENANT);

    assertThat(back.getStatus().namespaces()).extracting(ns -> ns.name()).containsExactly(WEB);
    assertThat(versions(WEB)).as("taken back without a write").isEqualTo(before);
  }

  @org.junit.jupiter.api.AfterAll
  void closeClient() {
    platformAdmin.close();
  }

  /** The resource version of the namespace and of every object that protects it. */
  private Map<String, String> versions(String namespace) {
    Map<String, String> versions = new java.util.TreeMap<>();
    versions.put("Namespace", admin.namespaces().withName(namespace).get().getMetadata().getResourceVersion());
    List<Supplier<List<? extends HasMetadata>>> kinds = List.of(
        () -> admin.network().v1().networkPolicies().inNamespace(namespace).list().getItems(),
        () -> admin.rbac().roleBindings().inNamespace(namespace).withLabel(Labels.MANAGED_BY, Labels.MANAGER).list().getItems(),
        () -> admin.limitRanges().inNamespace(namespace).list().getItems());
    kinds.forEach(kind -> kind.get().forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(),
        o.getMetadata().getResourceVersion())));
    return versions;
  }

  private List<Event> events(String namespace) {
    return admin.v1().events().inNamespace(namespace).list().getItems();
  }

  /** Refused by the named admission policy, with a message that says why. */
  /** Copies of {@code objects} with their name and spec only, to apply again as they were declared. */
  private static <S, T extends io.fabric8.kubernetes.client.CustomResource<S, ?>> List<T> specsOf(
      List<T> objects, Supplier<T> blank) {
    return objects.stream().map(object -> {
      T copy = blank.get();
      copy.getMetadata().setName(object.getMetadata().getName());
      copy.setSpec(object.getSpec());
      return copy;
    }).toList();
  }

  private static void assertRefusedByPolicy(ThrowingCallable call, String policy, String... message) {
    assertThatThrownBy(call)
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("ValidatingAdmissionPolicy '" + policy + "'")
        .satisfies(e -> {
          for (String part : message) {
            assertThat(e.getMessage()).contains(part);
          }
        });
  }
}
