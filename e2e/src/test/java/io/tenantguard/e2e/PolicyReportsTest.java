package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.tenant.ControlStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.evidence.PolicyReports;
import io.tenantguard.kube.Labels;
import io.tenantguard.local.ManifestFiles;
import io.tenantguard.operator.PolicyReportKeeper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Policy reports on the real control plane, with the CRDs installed from their published YAML
 * (e2e/src/test/resources/policy-reports): nothing without them, and the operator says so once;
 * the older wgpolicyk8s.io CRDs installed while it runs, then OpenReports', each tenant's report
 * following its status, kept true, written only on a change, and gone with its tenant.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyReportsTest {
  /** An organisational duty of the provider that the shared operator has no attestation of. */
  private static final String UNATTESTED = "ISO27001-A.11.1.1";
  private static final Path CRDS = E2e.repoRoot().resolve("e2e/src/test/resources/policy-reports");
  private static final PolicyReports.Api OLDER = PolicyReports.Api.WG_POLICY;
  private static final PolicyReports.Api NEWER = PolicyReports.Api.OPEN_REPORTS;

  private RealCluster.Cluster cluster;
  private KubernetesClient admin;
  private final ListAppender<ILoggingEvent> keeperLog = new ListAppender<>();

  @BeforeAll
  void twoTenantsAndAnOperatorStartedWithoutTheCrds(RealCluster.Cluster cluster) {
    this.cluster = cluster;
    admin = cluster.admin();
    assertThat(admin.apiextensions().v1().customResourceDefinitions().withName(OLDER.crdName()).get()).isNull();
    assertThat(admin.apiextensions().v1().customResourceDefinitions().withName(NEWER.crdName()).get()).isNull();
    keeperLog.start();
    ((Logger) LoggerFactory.getLogger(PolicyReportKeeper.class)).addAppender(keeperLog);
    cluster.stopOperator();
    cluster.operator();
    Platform.applyRegionsAndClassifications(admin);
    Platform.apply(admin, Tenants.tenant("report-media", List.of(), Tenants.namespace("report-media-web", "de-frankfurt", "public")));
    Platform.apply(admin, Tenants.tenant("report-clinic", List.of(Certification.HDS),
        Tenants.namespace("report-clinic-records", "fr-paris", "health")));
    Platform.awaitPhase(admin, "report-media", TenantPhase.Ready);
    Platform.awaitProvisioned(admin, "report-clinic");
  }

  @AfterAll
  void removeTheCrds() {
    ((Logger) LoggerFactory.getLogger(PolicyReportKeeper.class)).detachAppender(keeperLog);
    for (PolicyReports.Api api : PolicyReports.Api.values()) {
      admin.apiextensions().v1().customResourceDefinitions().withName(api.crdName()).delete();
      admin.apiextensions().v1().customResourceDefinitions().withName(api.crdName().replace("cluster", "")).delete();
    }
  }

  @Test
  @Order(1)
  void withoutTheCrdsNothingIsWrittenAndTheOperatorSaysSoOnce() {
    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(notInstalledLines()).isEqualTo(1));
    assertThat(keeperLog.list).extracting(ILoggingEvent::getFormattedMessage).first().asString()
        .isEqualTo("policy reports: neither clusterreports.openreports.io nor clusterpolicyreports.wgpolicyk8s.io is"
            + " installed; tenantguard writes no policy report until one is");
  }

  @Test
  @Order(2)
  void theOlderCrdsInstalledLaterAreNoticedAndEachTenantGetsItsReport() {
    ManifestFiles.apply(admin, List.of(CRDS.resolve("wgpolicyk8s.io-v1alpha2.yaml")), "platform-team");

    GenericKubernetesResource media = awaitReport(OLDER, "report-media");
    assertThat(media.getMetadata().getLabels()).containsAllEntriesOf(Labels.owned("report-media"));
    assertThat(media.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(media.<List<Map<String, Object>>>get("results")).allSatisfy(r -> assertThat(r).containsEntry("source", "tenantguard"));
    assertThat(media.<Map<String, Object>>get("scope")).containsEntry("kind", "Tenant").containsEntry("name", "report-media");
    // an organisational duty nobody attested is NotEnforced, a warning: never a silent pass
    assertThat(results(media)).containsEntry("ISO27001-A.13.1.3", "pass").containsEntry("SNC-9.7", "skip")
        .containsEntry(UNATTESTED, "warn").doesNotContainValue("fail");
    assertThat(media.<Map<String, Object>>get("summary")).containsEntry("fail", 0);
    assertReportFollowsStatus(media, "report-media");

    GenericKubernetesResource clinic = awaitReport(OLDER, "report-clinic");
    assertThat(results(clinic)).containsEntry("HDS-4.4.7.1-provider", "pass").containsEntry("HDS-4.4.6.6", "pass")
        .containsEntry(UNATTESTED, "warn");
    assertReportFollowsStatus(clinic, "report-clinic");
    assertThat(notInstalledLines()).isEqualTo(1);
    assertThat(keeperLog.list).extracting(ILoggingEvent::getFormattedMessage)
        .contains("policy reports: keeping a ClusterPolicyReport (wgpolicyk8s.io/v1alpha2) for each tenant");
  }

  @Test
  @Order(3)
  void aRestartOrATenantTouchedWithoutChangeWritesNoReport() {
    String before = reports(OLDER).withName(PolicyReports.name("report-media")).get().getMetadata().getResourceVersion();

    cluster.stopOperator();
    cluster.operator();
    admin.resources(Tenant.class).withName("report-media").edit(t -> {
      t.getMetadata().getAnnotations().put("example.org/touched", "yes");
      return t;
    });
    // one thread writes the reports, in the order the watches tell: once a later tenant has its
    // report, the restart and the touch have been handled
    Platform.apply(admin, Tenants.tenant("report-sentinel", List.of(),
        Tenants.namespace("report-sentinel-web", "de-frankfurt", "public")));
    awaitReport(OLDER, "report-sentinel");

    assertThat(reports(OLDER).withName(PolicyReports.name("report-media")).get().getMetadata().getResourceVersion())
        .isEqualTo(before);
  }

  @Test
  @Order(4)
  void aChangedTenantChangesItsReport() {
    Platform.apply(admin, Tenants.tenant("report-media", List.of(Certification.SNC),
        Tenants.namespace("report-media-web", "de-frankfurt", "public")));

    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(results(
        reports(OLDER).withName(PolicyReports.name("report-media")).get())).containsEntry("SNC-9.7", "pass"));
    assertReportFollowsStatus(reports(OLDER).withName(PolicyReports.name("report-media")).get(), "report-media");
  }

  @Test
  @Order(5)
  void anEditedOrDeletedReportIsRestoredAndATenantCannotTouchItsOwn() {
    String name = PolicyReports.name("report-clinic");
    reports(OLDER).withName(name).edit(report -> {
      List<Map<String, Object>> results = report.get("results");
      results.forEach(result -> result.put("result", "pass"));
      return report;
    });
    await().atMost(Platform.PATIENCE).untilAsserted(() ->
        assertThat(results(reports(OLDER).withName(name).get())).containsEntry(UNATTESTED, "warn"));

    reports(OLDER).withName(name).delete();
    await().atMost(Platform.PATIENCE).untilAsserted(() -> {
      GenericKubernetesResource restored = reports(OLDER).withName(name).get();
      assertThat(restored).isNotNull();
      assertThat(results(restored)).containsEntry(UNATTESTED, "warn");
    });

    try (KubernetesClient tenantAdmin = cluster.as("admin@report-clinic.example")) {
      assertThatThrownBy(() -> tenantAdmin.genericKubernetesResources(OLDER.apiVersion(), OLDER.kind).withName(name).delete())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("cannot delete resource \"clusterpolicyreports\" in API group \"wgpolicyk8s.io\" at the"
              + " cluster scope");
    }
  }

  @Test
  @Order(6)
  void aSameNamedReportTenantguardDidNotMakeIsLeftAlone() {
    GenericKubernetesResource foreign = new GenericKubernetesResourceBuilder()
        .withApiVersion(OLDER.apiVersion()).withKind(OLDER.kind)
        .withNewMetadata().withName(PolicyReports.name("report-foreign")).addToLabels("team", "security").endMetadata()
        .addToAdditionalProperties("results", List.of(Map.of("policy", "require-labels", "source", "kyverno")))
        .build();
    reports(OLDER).resource(foreign).create();
    Platform.apply(admin, Tenants.tenant("report-foreign", List.of(),
        Tenants.namespace("report-foreign-web", "de-frankfurt", "public")));
    Platform.awaitPhase(admin, "report-foreign", TenantPhase.Ready);
    Platform.apply(admin, Tenants.tenant("report-sentinel-2", List.of(),
        Tenants.namespace("report-sentinel-2-web", "de-frankfurt", "public")));
    awaitReport(OLDER, "report-sentinel-2");

    GenericKubernetesResource after = reports(OLDER).withName(PolicyReports.name("report-foreign")).get();
    assertThat(after.getMetadata().getLabels()).isEqualTo(Map.of("team", "security"));
    assertThat(after.<List<Map<String, Object>>>get("results"))
        .containsExactly(Map.of("policy", "require-labels", "source", "kyverno"));
  }

  @Test
  @Order(7)
  void theNewerCrdsInstalledLaterTakeTheReportsAndTheOlderOnesAreRemoved() {
    ManifestFiles.apply(admin, List.of(CRDS.resolve("openreports.io-v1alpha1.yaml")), "platform-team");

    GenericKubernetesResource media = awaitReport(NEWER, "report-media");
    assertThat(media.<String>get("source")).isEqualTo("tenantguard");
    assertReportFollowsStatus(media, "report-media");
    await().atMost(Platform.PATIENCE).untilAsserted(() ->
        assertThat(reports(OLDER).withLabel(Labels.MANAGED_BY, Labels.MANAGER).list().getItems()).isEmpty());
    assertThat(reports(OLDER).withName(PolicyReports.name("report-foreign")).get()).as("not tenantguard's").isNotNull();
  }

  @Test
  @Order(8)
  void aTenantGoneLosesItsReport() {
    Platform.apply(admin, Tenants.tenant("report-gone", List.of()));
    awaitReport(NEWER, "report-gone");

    admin.resources(Tenant.class).withName("report-gone").delete();

    await().atMost(Platform.PATIENCE).untilAsserted(() ->
        assertThat(reports(NEWER).withName(PolicyReports.name("report-gone")).get()).isNull());
    assertThat(reports(NEWER).withName(PolicyReports.name("report-media")).get()).isNotNull();
  }

  private long notInstalledLines() {
    return keeperLog.list.stream().filter(e -> e.getFormattedMessage().startsWith("policy reports: neither")).count();
  }

  private GenericKubernetesResource awaitReport(PolicyReports.Api api, String tenant) {
    await().atMost(Platform.PATIENCE).untilAsserted(() ->
        assertThat(reports(api).withName(PolicyReports.name(tenant)).get()).as(api + " of " + tenant).isNotNull());
    return reports(api).withName(PolicyReports.name(tenant)).get();
  }

  /** Every control of the tenant's status is one result, which reads as its state. */
  private void assertReportFollowsStatus(GenericKubernetesResource report, String tenant) {
    List<ControlStatus> controls = admin.resources(Tenant.class).withName(tenant).get().getStatus().controls();
    assertThat(results(report)).isEqualTo(controls.stream().collect(
        Collectors.toMap(ControlStatus::id, c -> PolicyReports.result(c.state()))));
  }

  /** The result of each control, by control id. */
  private static Map<String, String> results(GenericKubernetesResource report) {
    List<Map<String, Object>> results = report.get("results");
    return results.stream().collect(Collectors.toMap(r -> (String) r.get("policy"), r -> (String) r.get("result")));
  }

  private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> reports(
      PolicyReports.Api api) {
    return admin.genericKubernetesResources(api.apiVersion(), api.kind);
  }
}
