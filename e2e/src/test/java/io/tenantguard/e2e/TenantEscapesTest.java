package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.separation.Quotas;
import io.tenantguard.separation.ServiceInterceptionPolicy;
import io.tenantguard.separation.StrictNetworkPolicies;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ways out of a tenant's box beyond the basics (issue 20), tried by the tenants' own admins on
 * the real control plane: traffic interception through Services, Endpoints and EndpointSlices (the
 * CVEs docs/security.md lists), self-opened networks under Strict, health data without the HDS
 * contract, and the fairness of the quota. In the example platform, horizon-records holds health
 * data (Strict) and lumiere-web public data (Standard). What a refusal must say is asserted, not
 * only that there was one; what is admitted is tried as a server-side dry run, so nothing is left.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantEscapesTest {
  private static final String STRICT = "horizon-records";
  private static final String STANDARD = "lumiere-web";
  private static final String CLINIC_ADMIN = "claire.martin@clinique-horizon.example";
  private static final String MEDIA_ADMIN = "hugo.bernard@lumiere-media.example";
  private static final String FRESH = "escapes-fresh";
  private static final String FRESH_WEB = "escapes-fresh-web";
  private static final String NO_HDS = "escapes-no-hds";
  private static final String INTERCEPTION = "refused in tenant namespaces";

  private KubernetesClient admin;
  private KubernetesClient clinicAdmin;
  private KubernetesClient mediaAdmin;
  private KubernetesClient freshAdmin;

  @BeforeAll
  void platformWithItsTenantsProvisioned(RealCluster.Cluster cluster) {
    cluster.operator();
    admin = cluster.admin();
    Platform.applyExamples(admin);
    Platform.apply(admin, Tenants.tenant(FRESH, List.of(), Tenants.namespace(FRESH_WEB, "de-frankfurt", "public")));
    Platform.apply(admin, Tenants.tenant(NO_HDS, List.of(Certification.ISO27001),
        Tenants.namespace(NO_HDS + "-records", "fr-paris", "health")));
    awaitNamespaces("clinique-horizon", STRICT);
    awaitNamespaces("lumiere-media", STANDARD);
    awaitNamespaces(FRESH, FRESH_WEB);
    clinicAdmin = cluster.as(CLINIC_ADMIN);
    mediaAdmin = cluster.as(MEDIA_ADMIN);
    freshAdmin = cluster.as("admin@" + FRESH + ".example");
  }

  @AfterAll
  void closeClients() {
    clinicAdmin.close();
    mediaAdmin.close();
    freshAdmin.close();
  }

  // --- interception through Services (CVE-2020-8554) ----------------------------------------------

  @Test
  void externalIpsAreRefusedUnderStrictAndStandard() {
    for (var attempt : Map.of(STRICT, clinicAdmin, STANDARD, mediaAdmin).entrySet()) {
      assertRefusedBy(ServiceInterceptionPolicy.NAME, () -> tryService(attempt.getValue(), attempt.getKey(), "grab-ip",
              s -> s.editSpec().withExternalIPs("10.0.0.1").endSpec()),
          "Service grab-ip: spec.externalIPs is " + INTERCEPTION + ": the cluster would send every pod's and node's"
              + " traffic for 10.0.0.1 to this tenant (CVE-2020-8554)");
    }
  }

  @Test
  void aLoadBalancerMayNotClaimItsAddressButMayExistWhereTheClassificationAllowsIt() {
    assertRefusedBy(ServiceInterceptionPolicy.NAME, () -> tryService(mediaAdmin, STANDARD, "claim", s -> s.editSpec().withType("LoadBalancer")
            .withAllocateLoadBalancerNodePorts(false).withLoadBalancerIP("203.0.113.10").endSpec()),
        "Service claim: spec.loadBalancerIP is " + INTERCEPTION);
    assertThatCode(() -> tryService(mediaAdmin, STANDARD, "public-lb", s -> s.editSpec().withType("LoadBalancer")
        .withAllocateLoadBalancerNodePorts(false).endSpec())).doesNotThrowAnyException();
  }

  @Test
  void aTenantCannotWriteALoadBalancerStatus() {
    Service own = new ServiceBuilder(service("status-target")).editMetadata().withNamespace(STANDARD).endMetadata().build();
    Service applied = mediaAdmin.resource(own).fieldManager("e2e").forceConflicts().serverSideApply();

    Service hijack = new ServiceBuilder(applied).withNewStatus().withNewLoadBalancer().addNewIngress().withIp("10.0.0.9")
        .endIngress().endLoadBalancer().endStatus().build();
    assertForbidden(() -> mediaAdmin.resource(hijack).updateStatus(), "cannot update resource \"services/status\"");
  }

  // --- interception through Endpoints and EndpointSlices (CVE-2021-25740, CVE-2021-25737) ---------

  @Test
  void endpointsAndEndpointSlicesAreReadOnlyForTenants() {
    for (var attempt : Map.of(STRICT, clinicAdmin, STANDARD, mediaAdmin).entrySet()) {
      KubernetesClient tenant = attempt.getValue();
      String ns = attempt.getKey();
      assertForbidden(() -> tenant.endpoints().inNamespace(ns).resource(new EndpointsBuilder()
          .withNewMetadata().withName("elsewhere").endMetadata()
          .addNewSubset().addNewAddress().withIp("10.0.0.5").endAddress().addNewPort().withPort(443).endPort().endSubset()
          .build()).dryRun().create(), "cannot create resource \"endpoints\"");
      assertForbidden(() -> tenant.discovery().v1().endpointSlices().inNamespace(ns).resource(new EndpointSliceBuilder()
          .withNewMetadata().withName("elsewhere").addToLabels("kubernetes.io/service-name", "api").endMetadata()
          .withAddressType("IPv4").addNewEndpoint().withAddresses("10.0.0.5").endEndpoint()
          .build()).dryRun().create(), "cannot create resource \"endpointslices\"");
      assertThat(tenant.endpoints().inNamespace(ns).list().getItems()).as("endpoints stay readable").isNotNull();
      assertThat(tenant.discovery().v1().endpointSlices().inNamespace(ns).list().getItems()).isNotNull();
    }
  }

  @Test
  void anExternalNameThatResolvesInsideTheClusterIsRefused() {
    for (String name : List.of("kubernetes.default.svc.cluster.local", "db.horizon-records", "kubernetes",
        "169.254.169.254", "localhost", "metadata.google.internal")) {
      assertRefusedBy(ServiceInterceptionPolicy.NAME, () -> tryService(mediaAdmin, STANDARD, "alias", s -> externalName(s, name)),
          "Service alias: externalName " + name + " may resolve inside the cluster");
    }
    assertThatCode(() -> tryService(mediaAdmin, STANDARD, "alias", s -> externalName(s, "db.example.com")))
        .doesNotThrowAnyException();
  }

  @Test
  void underStrictNoExternalNameAtAll() {
    assertRefusedBy(ServiceInterceptionPolicy.NAME, () -> tryService(clinicAdmin, STRICT, "alias", s -> externalName(s, "db.example.com")),
        "Service alias: type ExternalName is refused in namespace horizon-records, whose network isolation is Strict");
  }

  @Test
  void theApiServerProxyIsClosedToTenants() {
    String prefix = "/api/v1/namespaces/" + STANDARD;
    assertForbidden(() -> mediaAdmin.raw(prefix + "/services/status-target:80/proxy/"), "services/proxy");
    assertForbidden(() -> mediaAdmin.raw(prefix + "/pods/web:80/proxy/"), "pods/proxy");
    assertForbidden(() -> mediaAdmin.raw("/api/v1/nodes/node-1:10250/proxy/"), "nodes/proxy");
  }

  @Test
  void everyEscapePolicyIsInPlace() {
    for (String name : List.of(ServiceInterceptionPolicy.NAME, StrictNetworkPolicies.NAME)) {
      assertThat(admin.admissionRegistration().v1().validatingAdmissionPolicies().withName(name).get()).as(name).isNotNull();
      assertThat(admin.admissionRegistration().v1().validatingAdmissionPolicyBindings().withName(name).get()).as(name).isNotNull();
    }
  }

  // --- self-opened networks -----------------------------------------------------------------------

  @Test
  void underStrictATenantPolicyToTheInternetToAnotherTenantOrFromEveryNamespaceIsRefused() {
    assertRefusedBy(StrictNetworkPolicies.NAME, () -> tryPolicy(clinicAdmin, STRICT, EGRESS_TO_INTERNET),
        StrictNetworkPolicies.NAME + ": namespace horizon-records is under Strict network isolation",
        "refused: egress to ipBlock 0.0.0.0/0");
    assertRefusedBy(StrictNetworkPolicies.NAME, () -> tryPolicy(clinicAdmin, STRICT, ingressFromTenant("lumiere-media")),
        "refused: ingress from namespaceSelector tenantguard.io/tenant=lumiere-media");
    assertRefusedBy(StrictNetworkPolicies.NAME, () -> tryPolicy(clinicAdmin, STRICT, INGRESS_FROM_EVERY_NAMESPACE),
        "refused: ingress from namespaceSelector {} (every namespace)");
    assertRefusedBy(StrictNetworkPolicies.NAME, () -> tryPolicy(clinicAdmin, STRICT, INGRESS_FROM_EVERYWHERE),
        "refused: ingress from every source (a rule without from)");
  }

  @Test
  void underStandardTheSamePoliciesAreAdmitted() {
    for (String policy : List.of(EGRESS_TO_INTERNET, ingressFromTenant("clinique-horizon"), INGRESS_FROM_EVERY_NAMESPACE,
        INGRESS_FROM_EVERYWHERE)) {
      assertThatCode(() -> tryPolicy(mediaAdmin, STANDARD, policy)).as(policy).doesNotThrowAnyException();
    }
  }

  @Test
  void underStrictAPolicyBetweenTheTenantsOwnNamespacesAndFromItsDeclaredFlowsIsAdmitted() {
    assertThatCode(() -> tryPolicy(clinicAdmin, STRICT, """
        podSelector: {matchLabels: {app: api}}
        policyTypes: [Ingress, Egress]
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {tenantguard.io/tenant: clinique-horizon}}
                podSelector: {matchLabels: {app: portal}}
              - podSelector: {matchLabels: {app: worker}}
          - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]
            ports: [{port: 8443}]
        egress:
          - to: [{namespaceSelector: {matchLabels: {tenantguard.io/tenant: clinique-horizon}}}]
        """)).doesNotThrowAnyException();
    assertRefusedBy(StrictNetworkPolicies.NAME, () -> tryPolicy(clinicAdmin, STRICT, """
        podSelector: {}
        ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}], ports: [{port: 22}]}]
        """), "ingress from namespaceSelector kubernetes.io/metadata.name=ingress-nginx on ports its declared flow does not name");
  }

  // --- health data needs the HDS contract ----------------------------------------------------------

  @Test
  void aHealthNamespaceForATenantWithoutTheHdsContractIsRefusedNamingSpecCompliance() {
    await().atMost(Platform.PATIENCE).untilAsserted(() -> {
      Tenant tenant = admin.resources(Tenant.class).withName(NO_HDS).get();
      assertThat(tenant.getStatus()).isNotNull();
      NamespaceStatus records = tenant.getStatus().namespaces().get(0);
      assertThat(records.state()).isEqualTo(NamespaceState.Refused);
      assertThat(records.message()).isEqualTo("namespace escapes-no-hds-records: classification health holds health data,"
          + " which is hosted only under the HDS contract, and the tenant's spec.compliance does not carry HDS");
    });
    assertThat(admin.namespaces().withName(NO_HDS + "-records").get()).isNull();
  }

  // --- fairness ------------------------------------------------------------------------------------

  @Test
  void theQuotaOfAFreshNamespacePassesTheBenchmarksFairnessChecks() {
    // MTB-PL1-CC-FNS-1 and FNS-2 as kubectl-mtb runs them: the tenant may read its quotas, which name these
    for (String verb : List.of("get", "list")) {
      assertThat(allowed(freshAdmin, verb, "resourcequotas")).as(verb).isTrue();
    }
    for (String verb : List.of("create", "update", "patch", "delete", "deletecollection")) {
      assertThat(allowed(freshAdmin, verb, "resourcequotas")).as(verb).isFalse();
    }
    Map<String, Quantity> hard = await().atMost(Platform.PATIENCE).until(
        () -> freshAdmin.resourceQuotas().inNamespace(FRESH_WEB).withName(Quotas.QUOTA).get(), q -> q != null)
        .getSpec().getHard();
    assertThat(hard).containsKeys(
        "requests.cpu", "limits.cpu", "requests.memory", "limits.memory",
        "requests.ephemeral-storage", "limits.ephemeral-storage", "requests.storage",
        "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
        "persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
        "count/serviceaccounts", "count/deployments.apps", "count/replicasets.apps", "count/statefulsets.apps",
        "count/jobs.batch", "count/cronjobs.batch", "count/horizontalpodautoscalers.autoscaling",
        "count/ingresses.networking.k8s.io", "count/networkpolicies.networking.k8s.io",
        "count/poddisruptionbudgets.policy", "count/roles.rbac.authorization.k8s.io",
        "count/rolebindings.rbac.authorization.k8s.io");
    assertThat(hard).containsEntry("limits.ephemeral-storage", new Quantity("20Gi"))
        .containsEntry("services.loadbalancers", new Quantity("2"))
        .containsEntry("services.nodeports", new Quantity("0"));
  }

  @Test
  void aContainerThatSetsNothingGetsEphemeralStorageDefaultsAndCountsAgainstTheQuota() {
    Pod pod = freshAdmin.pods().inNamespace(FRESH_WEB).resource(Workloads.pod("scratch", Map.of())).dryRun().create();

    var resources = pod.getSpec().getContainers().get(0).getResources();
    assertThat(resources.getRequests()).containsEntry("ephemeral-storage", new Quantity("128Mi"));
    assertThat(resources.getLimits()).containsEntry("ephemeral-storage", new Quantity("1Gi"));
    Attacks.refused(Attacks.Rule.quota("limits.ephemeral-storage"), () -> freshAdmin.pods().inNamespace(FRESH_WEB).resource(Workloads.pod("hoarder", Map.of(), spec -> {
      spec.getContainers().get(0).setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
          .addToLimits("ephemeral-storage", new Quantity("64Gi")).build());
      return spec;
    })).dryRun().create());
  }

  // --- helpers -------------------------------------------------------------------------------------

  private static final String EGRESS_TO_INTERNET = """
      podSelector: {}
      policyTypes: [Egress]
      egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]
      """;
  private static final String INGRESS_FROM_EVERY_NAMESPACE = """
      podSelector: {}
      ingress: [{from: [{namespaceSelector: {}}]}]
      """;
  private static final String INGRESS_FROM_EVERYWHERE = """
      podSelector: {}
      ingress: [{ports: [{port: 8443}]}]
      """;

  private static String ingressFromTenant(String tenant) {
    return """
        podSelector: {}
        ingress: [{from: [{namespaceSelector: {matchLabels: {tenantguard.io/tenant: %s}}}]}]
        """.formatted(tenant);
  }

  private void awaitNamespaces(String tenant, String... names) {
    await().atMost(Platform.PATIENCE).untilAsserted(() -> {
      Tenant t = admin.resources(Tenant.class).withName(tenant).get();
      assertThat(t.getStatus()).as("status of " + tenant).isNotNull();
      for (String name : names) {
        assertThat(t.getStatus().namespaces()).as(tenant + " " + name)
            .anyMatch(ns -> ns.name().equals(name) && ns.state() == NamespaceState.Provisioned);
        assertThat(admin.resourceQuotas().inNamespace(name).withName(Quotas.QUOTA).get()).as(name).isNotNull();
      }
    });
  }

  private static Service service(String name) {
    return new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().addToSelector("app", "web").addNewPort().withPort(80).endPort().endSpec().build();
  }

  private static ServiceBuilder externalName(ServiceBuilder service, String name) {
    return service.editSpec().withType("ExternalName").withExternalName(name).withSelector(null).withPorts().endSpec();
  }

  private static void tryService(KubernetesClient client, String namespace, String name, UnaryOperator<ServiceBuilder> edit) {
    client.services().inNamespace(namespace).resource(edit.apply(new ServiceBuilder(service(name))).build()).dryRun().create();
  }

  private static void tryPolicy(KubernetesClient client, String namespace, String spec) {
    NetworkPolicy policy = Serialization.unmarshal("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: tenant-made}
        spec:
        """ + spec.indent(2), NetworkPolicy.class);
    client.network().v1().networkPolicies().inNamespace(namespace).resource(policy).dryRun().create();
  }

  private static boolean allowed(KubernetesClient client, String verb, String resource) {
    SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
        .withNamespace(FRESH_WEB).withVerb(verb).withResource(resource).endResourceAttributes().endSpec().build();
    return client.authorization().v1().selfSubjectAccessReview().create(review).getStatus().getAllowed();
  }

  /** A tenant's attempt refused by the admission policy {@code policy}, saying {@code reasons}. */
  private static void assertRefusedBy(String policy, ThrowingCallable call, String... reasons) {
    Attacks.refused(Attacks.Rule.policy(policy, reasons), call);
  }

  /** A tenant's attempt refused by RBAC, saying {@code reason}. */
  private static void assertForbidden(ThrowingCallable call, String reason) {
    Attacks.refused(Attacks.Rule.rbac(reason), call);
  }
}
