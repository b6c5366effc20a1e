package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harrel.jsonschema.Dialects;
import dev.harrel.jsonschema.Validator;
import dev.harrel.jsonschema.ValidatorFactory;
import dev.harrel.jsonschema.providers.JacksonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.tenant.AccessReview;
import io.tenantguard.api.v1alpha1.tenant.Contact;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.ControlStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.evidence.ControlTransitions;
import io.tenantguard.evidence.Controls;
import io.tenantguard.evidence.report.ComplianceReport;
import io.tenantguard.evidence.report.ReportFormat;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.testing.TenantEdits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The responsibility matrix made live on the real control plane: controls in status, reports
 * through the jar and the operator's endpoint, contacts, access reviews and separation of duties.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceEvidenceTest {
  /** Long enough for a review to be seen current first, short enough to fall due during the test. */
  private static final String REVIEW_INTERVAL = "PT40S";
  private static final Duration REVIEW_PATIENCE = Duration.ofSeconds(150);

  private RealCluster.Cluster cluster;
  private KubernetesClient admin;

  @BeforeAll
  void platform(RealCluster.Cluster cluster) {
    this.cluster = cluster;
    admin = Platform.examplesProvisioned(cluster);
    Platform.apply(admin, Serialization.unmarshal("""
        apiVersion: tenantguard.io/v1alpha1
        kind: DataClassification
        metadata: {name: ev-reviewed}
        spec:
          description: Published data whose access is reviewed every %s.
          requirements: {accessReviewInterval: %s}
        """.formatted(REVIEW_INTERVAL, REVIEW_INTERVAL), DataClassification.class));
  }

  private Tenant tenant(String name) {
    return admin.resources(Tenant.class).withName(name).get();
  }

  private static ControlStatus control(Tenant tenant, String id) {
    return tenant.getStatus().controls().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  private static Tenant reviewedTenant(String name) {
    return Tenants.tenant(name, List.of(), Tenants.namespace(name + "-web", "de-frankfurt", "ev-reviewed"));
  }

  private String jar(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("java", "-jar",
        E2e.repoRoot().resolve("operator/target/tenantguard.jar").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void theReportOfAHealthTenantShowsItsHostingCountryAndCentresEnforced() throws Exception {
    String markdown = jar("report", "--tenant", "clinique-horizon", "--format", "markdown");

    assertThat(markdown).startsWith("# Responsibility matrix: Clinique Horizon (clinique-horizon)\n")
        .contains("- Compliance labels: ISO27001, HDS, SNC\n")
        .contains("- Hosting: countries FR; centres PAR1 Saint-Denis, PAR2 Aubervilliers; regions fr-paris\n");
    String hosting = markdown.lines().filter(line -> line.startsWith("| `HDS-4.4.7.1-provider`")).findFirst().orElseThrow();
    assertThat(hosting).contains("| Provider | **Enforced** (Pinned) |")
        .contains("in fr-paris (FR; hosting centres PAR1 Saint-Denis, PAR2 Aubervilliers)");
  }

  @Test
  void theOscalAssessmentResultsOfEveryTenantValidateAgainstOscalsSchema(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("assessment-results.json");
    jar("report", "--all", "--format", "oscal", "--output", file.toString());

    Validator validator = new ValidatorFactory().withDefaultDialect(new Dialects.Draft7Dialect())
        .withJsonNodeFactory(new JacksonNode.Factory()).createValidator();
    URI schema;
    try (InputStream in = getClass().getResourceAsStream("/schema/json/oscal-ar_schema.json")) {
      schema = validator.registerSchema(new ObjectMapper().readTree(in));
    }
    var document = new ObjectMapper().readTree(file.toFile());
    Validator.Result result = validator.validate(schema, document);
    assertThat(result.getErrors()).extracting(e -> e.getInstanceLocation() + ": " + e.getError()).isEmpty();
    assertThat(document.at("/assessment-results/results")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(document.at("/assessment-results/results/0/findings")).hasSize(Controls.ALL.size());
  }

  @Test
  void aHealthTenantWithoutAHealthProfessionalIsNotReadyItsContactsControlViolatedAndTold() {
    Tenant tenant = TenantEdits.contacts(Tenants.tenant("ev-no-doctor", List.of(Certification.HDS, Certification.ISO27001),
        Tenants.namespace("ev-no-doctor-records", "fr-paris", "health")),
        contacts -> List.of(new Contact("Manager", "manager@ev-no-doctor.example", "manager")));
    Platform.apply(admin, tenant);

    Tenant seen = Platform.awaitProvisioned(admin, "ev-no-doctor");
    assertThat(control(seen, "HDS-4.5.4")).isEqualTo(new ControlStatus("HDS-4.5.4", ControlState.Violated, "ContactMissing"));
    var ready = Conditions.find(seen.getStatus().conditions(), StatusConditions.READY);
    assertThat(ready.getStatus()).isEqualTo(Conditions.FALSE);
    assertThat(ready.getMessage())
        .contains("spec.contacts has no contact with role healthProfessional (required by classification health)");
    assertThat(Conditions.find(seen.getStatus().conditions(), StatusConditions.CONTACTS_NAMED).getStatus())
        .isEqualTo(Conditions.FALSE);
    await().atMost(Platform.PATIENCE).untilAsserted(() ->
        assertThat(admin.v1().events().inNamespace("default").list().getItems())
            .anySatisfy(e -> {
              assertThat(e.getInvolvedObject().getName()).isEqualTo("ev-no-doctor");
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getReason()).isEqualTo(ControlTransitions.CONTROL_VIOLATED);
              assertThat(e.getMessage()).startsWith("HDS-4.5.4 (Named contacts of the client, a health professional"
                  + " among them) is Violated: spec.contacts has no contact with role healthProfessional");
            }));
  }

  @Test
  void theHtmlReportShowsAViolatedControlAsSuchInABrowser() throws Exception {
    aHealthTenantWithoutAHealthProfessionalIsNotReadyItsContactsControlViolatedAndTold();
    Path page = Browser.screenshots().resolve("ev-no-doctor-report.html");
    Files.writeString(page, ReportFormat.html.render(List.of(ComplianceReport.of(tenant("ev-no-doctor"),
        Instant.now().truncatedTo(ChronoUnit.SECONDS), "e2e"))));

    ChromeDriver browser = Browser.start();
    try {
      browser.get(page.toUri().toString());
      assertThat(browser.getTitle()).isEqualTo("Responsibility matrix: ev-no-doctor");
      WebElement contacts = browser.findElement(By.id("control-HDS-4.5.4"));
      WebElement state = contacts.findElement(By.cssSelector("td.state"));
      assertThat(state.getText()).startsWith("Violated").contains("ContactMissing");
      assertThat(state.getCssValue("background-color")).isEqualTo("rgba(198, 40, 40, 1)");
      assertThat(contacts.getText()).contains("spec.contacts has no contact with role healthProfessional");
      WebElement hosting = browser.findElement(By.id("control-HDS-4.4.7.1-provider"));
      assertThat(hosting.findElement(By.cssSelector("td.state")).getText()).startsWith("Enforced");
      assertThat(hosting.findElement(By.cssSelector("td.state")).getCssValue("background-color"))
          .isNotEqualTo("rgba(198, 40, 40, 1)");
      Files.write(Browser.screenshots().resolve("ev-no-doctor-violated-control.png"),
          contacts.getScreenshotAs(OutputType.BYTES));
      Browser.wholePage(browser);
      Files.write(Browser.screenshots().resolve("ev-no-doctor-report.png"), browser.getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
    }
  }

  @Test
  void anOverdueReviewFlipsAccessReviewedWithoutTouchingReady() {
    Platform.apply(admin, reviewedTenant("ev-review"));
    Tenant ready = Platform.awaitPhase(admin, "ev-review", TenantPhase.Ready);
    String digest = ready.getStatus().accessDigest();
    assertThat(digest).startsWith("sha256:");

    Platform.apply(admin, TenantEdits.accessReview(reviewedTenant("ev-review"), new AccessReview(
        OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), "Claire Martin", "sha256:" + "0".repeat(64))));
    await().atMost(Platform.PATIENCE).untilAsserted(() -> {
      var reviewed = Conditions.find(tenant("ev-review").getStatus().conditions(), StatusConditions.ACCESS_REVIEWED);
      assertThat(reviewed.getReason()).as("a review of another list").isEqualTo("ReviewStale");
      assertThat(reviewed.getMessage()).contains("name its digest " + digest);
    });

    Platform.apply(admin, TenantEdits.accessReview(reviewedTenant("ev-review"), new AccessReview(
        OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), "Claire Martin", digest)));
    await().atMost(Platform.PATIENCE).untilAsserted(() -> {
      Tenant current = tenant("ev-review");
      var reviewed = Conditions.find(current.getStatus().conditions(), StatusConditions.ACCESS_REVIEWED);
      assertThat(reviewed.getStatus()).isEqualTo(Conditions.TRUE);
      assertThat(reviewed.getReason()).isEqualTo("Reviewed");
      assertThat(current.getStatus().phase()).isEqualTo(TenantPhase.Ready);
    });

    // nothing changes after the review: the operator wakes when it falls due
    await().atMost(REVIEW_PATIENCE).untilAsserted(() -> {
      var reviewed = Conditions.find(tenant("ev-review").getStatus().conditions(), StatusConditions.ACCESS_REVIEWED);
      assertThat(reviewed.getStatus()).isEqualTo(Conditions.FALSE);
      assertThat(reviewed.getReason()).isEqualTo("ReviewOverdue");
    });
    Tenant overdue = tenant("ev-review");
    assertThat(control(overdue, "ISO27001-A.9.2.5").state()).isEqualTo(ControlState.Violated);
    assertThat(overdue.getStatus().phase()).isEqualTo(TenantPhase.Ready);
    assertThat(Conditions.isTrue(overdue.getStatus().conditions(), StatusConditions.READY)).isTrue();
  }

  @Test
  void anAuditorMadeAdminThroughTheTenantsOwnRoleBindingIsReportedAndTheBindingLeftAlone() {
    Platform.apply(admin, reviewedTenant("ev-duties"));
    Tenant before = Platform.awaitPhase(admin, "ev-duties", TenantPhase.Ready);
    try (KubernetesClient tenantAdmin = cluster.as("admin@ev-duties.example")) {
      tenantAdmin.rbac().roleBindings().inNamespace("ev-duties-web").resource(new RoleBindingBuilder()
          .withNewMetadata().withName("auditor-helps").endMetadata()
          .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
          .withName("tenantguard-admin").endRoleRef()
          .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User")
          .withName("auditor@ev-duties.example").endSubject()
          .build()).create();
    }

    await().atMost(Platform.PATIENCE).untilAsserted(() -> {
      Tenant seen = tenant("ev-duties");
      var controlled = Conditions.find(seen.getStatus().conditions(), StatusConditions.ACCESS_CONTROLLED);
      assertThat(controlled.getStatus()).isEqualTo(Conditions.FALSE);
      assertThat(controlled.getMessage()).contains("User auditor@ev-duties.example is auditor (spec.access) and admin"
          + " (RoleBinding ev-duties-web/auditor-helps)");
      assertThat(control(seen, "ISO27001-A.6.1.2-client").state()).isEqualTo(ControlState.Violated);
      assertThat(seen.getStatus().accessDigest()).isNotEqualTo(before.getStatus().accessDigest());
    });
    Tenant after = tenant("ev-duties");
    assertThat(after.getStatus().phase()).as("the client's own binding: shown, not held against Ready")
        .isEqualTo(TenantPhase.Ready);
    assertThat(control(after, "ISO27001-A.6.1.2-provider").state()).isEqualTo(ControlState.Enforced);
    assertThat(admin.rbac().roleBindings().inNamespace("ev-duties-web").withName("auditor-helps").get())
        .as("the operator never touches what it did not create").isNotNull();

    admin.rbac().roleBindings().inNamespace("ev-duties-web").withName("auditor-helps").delete();
    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(
        Conditions.isTrue(tenant("ev-duties").getStatus().conditions(), StatusConditions.ACCESS_CONTROLLED)).isTrue());
  }

  @Test
  void theHttpReportAnswersOnlyCallersTheApiServerAuthenticatesAndAllowsToGetTheTenant() throws Exception {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ev-readers").endMetadata().build())
        .serverSideApply();
    String clinicAuditor = readerToken("clinic-auditor", "clinique-horizon");
    String mediaAuditor = readerToken("media-auditor", "lumiere-media");
    int port = cluster.operator().probePort();
    HttpClient http = HttpClient.newHttpClient();
    URI clinic = URI.create("http://127.0.0.1:" + port + "/reports/clinique-horizon?format=html");

    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(clinic).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"tenantguard\"");
    assertThat(get(http, clinic, "not-a-token").statusCode()).isEqualTo(401);
    HttpResponse<String> otherTenants = get(http, clinic, mediaAuditor);
    assertThat(otherTenants.statusCode()).isEqualTo(403);
    assertThat(otherTenants.body()).isEqualTo(
        "system:serviceaccount:ev-readers:media-auditor may not get tenants/clinique-horizon (tenantguard.io)\n");

    HttpResponse<String> own = get(http, clinic, clinicAuditor);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(own.body()).contains("<h1>Responsibility matrix: Clinique Horizon (clinique-horizon)</h1>",
        "id=\"control-HDS-4.4.7.1-provider\"");
    HttpResponse<String> oscal = get(http,
        URI.create("http://127.0.0.1:" + port + "/reports/lumiere-media?format=oscal"), mediaAuditor);
    assertThat(oscal.statusCode()).isEqualTo(200);
    assertThat(oscal.body()).contains("\"assessment-results\"");
  }

  private static HttpResponse<String> get(HttpClient http, URI uri, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A service account allowed to get one Tenant, as a platform team grants an auditor, and its token. */
  private String readerToken(String account, String tenant) {
    admin.serviceAccounts().inNamespace("ev-readers").resource(new ServiceAccountBuilder().withNewMetadata()
        .withName(account).endMetadata().build()).serverSideApply();
    admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("ev-read-" + tenant)
        .endMetadata().addNewRule().withApiGroups("tenantguard.io").withResources("tenants").withVerbs("get")
        .withResourceNames(tenant).endRule().build()).serverSideApply();
    admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
        .withName("ev-read-" + tenant).endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
        .withKind("ClusterRole").withName("ev-read-" + tenant).endRoleRef().addNewSubject().withKind("ServiceAccount")
        .withName(account).withNamespace("ev-readers").endSubject().build()).serverSideApply();
    return admin.serviceAccounts().inNamespace("ev-readers").withName(account)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus().getToken();
  }
}
