package io.tenantguard.evidence.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrel.jsonschema.Dialects;
import dev.harrel.jsonschema.Validator;
import dev.harrel.jsonschema.ValidatorFactory;
import dev.harrel.jsonschema.providers.JacksonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.attestation.Attestations;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.evidence.Controls;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.separation.SeparationDefaults;
import io.tenantguard.tenant.TenantPipeline;
import io.tenantguard.tenant.TenantStatusFactory;
import io.tenantguard.testing.Examples;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reports of the example tenants, with the status the operator would write for them. */
class ReportsTest {
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final TenantPipeline PIPELINE = OperatorRuntime.pipeline(SeparationDefaults.STANDARD,
      Attestations.parse(List.of("ISO27001-A.11.1.1=ISO 27001 certificate 2026-117 of PAR1 and PAR2")));

  /** The example tenant with its status, without the contacts of {@code dropped}. */
  static Tenant withStatus(String name, String dropped) {
    Tenant tenant = Examples.tenant(name);
    tenant.setMetadata(new ObjectMetaBuilder(tenant.getMetadata()).withGeneration(2L)
        .withCreationTimestamp("2026-11-20T00:00:00Z").build());
    var spec = tenant.getSpec();
    tenant.setSpec(new io.tenantguard.api.v1alpha1.tenant.TenantSpec(spec.displayName(), spec.compliance(),
        spec.contacts().stream().filter(c -> !c.role().equals(dropped)).toList(), spec.namespaces(), spec.access(),
        spec.quota(), spec.limits(), spec.network(), spec.encryption(), spec.lifecycle()));
    var plan = PIPELINE.plan(new TenantInputs(tenant, Examples.regions(), Examples.classifications(), List.of(),
        Map.of(), NOW));
    tenant.setStatus(new TenantStatusFactory(Clock.fixed(NOW, ZoneOffset.UTC), PIPELINE.conditionTypes())
        .status(tenant, plan));
    return tenant;
  }

  private static ComplianceReport report(Tenant tenant) {
    return ComplianceReport.of(tenant, NOW, "0.1.0-test");
  }

  @Test
  void theMatrixOfAHealthTenantShowsItsHostingCountryAndCentresEnforced() {
    ComplianceReport report = report(withStatus("clinique-horizon", "none"));

    ComplianceReport.Row hosting = report.controls().stream().filter(r -> r.id().equals("HDS-4.4.7.1-provider"))
        .findFirst().orElseThrow();
    assertThat(hosting.state()).isEqualTo(ControlState.Enforced);
    assertThat(hosting.evidence()).contains("horizon-records, horizon-imaging, horizon-portal in fr-paris"
        + " (FR; hosting centres PAR1 Saint-Denis, PAR2 Aubervilliers)");
    String markdown = ReportFormat.markdown.render(List.of(report));
    assertThat(markdown)
        .startsWith("# Responsibility matrix: Clinique Horizon (clinique-horizon)\n\n- Date: 2026-12-01T10:00:00Z\n"
            + "- Compliance labels: ISO27001, HDS, SNC\n")
        .contains("- Hosting: countries FR; centres PAR1 Saint-Denis, PAR2 Aubervilliers; regions fr-paris\n")
        .contains("\n## 1. Scope and hosting location\n\n| control (ISO 27001:2013 / 2022) | title | owner | state |")
        .contains("| `HDS-4.4.7.1-provider` (A.18.1.1 / 5.31) | Hosting location: the provider tells the client")
        .contains("| Provider | **Enforced** (Pinned) | every namespace sits in a region")
        .contains("| `ISO27001-A.11.1.1` (A.11.1 / 7.1)".replace("A.11.1 /", "A.11.1.1 /"))
        .contains("**ProviderAttested** (Attested) | attested by the provider: ISO 27001 certificate 2026-117");
    assertThat(markdown.indexOf("## 1. Scope")).isLessThan(markdown.indexOf("## 7. Organisation"));
  }

  @Test
  void aViolatedControlIsShownWithWhatViolatesItAndAnotherControlOfItsConditionIsNotBlamed() {
    ComplianceReport report = report(withStatus("clinique-horizon", "healthProfessional"));

    assertThat(report.ready()).isFalse();
    ComplianceReport.Row contacts = report.controls().stream().filter(r -> r.id().equals("HDS-4.5.4")).findFirst()
        .orElseThrow();
    assertThat(contacts.state()).isEqualTo(ControlState.Violated);
    assertThat(contacts.evidence())
        .isEqualTo("spec.contacts has no contact with role healthProfessional (required by classification health)");
    assertThat(ReportFormat.markdown.render(List.of(report)))
        .contains("| `HDS-4.5.4` (A.6.1.1 / 5.2) | Named contacts of the client, a health professional among them |"
            + " Shared | **Violated** (ContactMissing) | spec.contacts has no contact with role healthProfessional");
    assertThat(ReportFormat.html.render(List.of(report)))
        .contains("<tr class=\"row-Violated\" id=\"control-HDS-4.5.4\">")
        .doesNotContain("<script", "<link", "src=", "http://", "https://");
  }

  @Test
  void aControlOutsideTheContractSaysWhy() {
    ComplianceReport report = report(withStatus("lumiere-media", "none"));

    ComplianceReport.Row snc = report.controls().stream().filter(r -> r.id().equals("SNC-9.7")).findFirst().orElseThrow();
    assertThat(snc.state()).isEqualTo(ControlState.NotApplicable);
    assertThat(snc.evidence()).isEqualTo("the tenant's contract (spec.compliance) does not carry SNC");
    assertThat(report.ready()).isTrue();
    assertThat(report.readyMessage()).contains("except organisational duties the provider has not attested",
        "ISO27001-A.17.1.2");
  }

  @Test
  void theOscalAssessmentResultsValidateAgainstOscalsSchemaWithOneFindingPerControl() throws IOException {
    Validator validator = new ValidatorFactory().withDefaultDialect(new Dialects.Draft7Dialect())
        .withJsonNodeFactory(new JacksonNode.Factory()).createValidator();
    URI schema;
    try (InputStream in = getClass().getResourceAsStream("/schema/json/oscal-ar_schema.json")) {
      schema = validator.registerSchema(new ObjectMapper().readTree(in));
    }
    String oscal = ReportFormat.oscal.render(List.of(
        report(withStatus("clinique-horizon", "healthProfessional")), report(withStatus("lumiere-media", "none"))));
    JsonNode document = new ObjectMapper().readTree(oscal);

    Validator.Result valid = validator.validate(schema, document);
    assertThat(valid.getErrors()).extracting(e -> e.getInstanceLocation() + ": " + e.getError()).isEmpty();
    assertThat(valid.isValid()).isTrue();
    JsonNode clinic = document.at("/assessment-results/results/0");
    assertThat(clinic.get("findings")).hasSize(Controls.ALL.size());
    JsonNode contacts = findingOf(clinic, "HDS-4.5.4");
    assertThat(contacts.at("/target/status/state").asText()).isEqualTo("not-satisfied");
    assertThat(contacts.at("/target/status/reason").asText()).isEqualTo("fail");
    assertThat(findingOf(clinic, "HDS-4.4.7.1-provider").at("/target/status/state").asText()).isEqualTo("satisfied");
    assertThat(findingOf(clinic, "ISO27001-A.12.3.1-client").at("/target/status/state").asText())
        .as("a client's duty is not observed satisfied").isEqualTo("not-satisfied");
    // the schema check can fail: a version 3 UUID, then a finding without its uuid, are refused
    ((ObjectNode) contacts).put("uuid", java.util.UUID.nameUUIDFromBytes(new byte[] {1}).toString());
    assertThat(validator.validate(schema, document).isValid()).isFalse();
    ((ObjectNode) contacts).remove("uuid");
    Validator.Result invalid = validator.validate(schema, document);
    assertThat(invalid.isValid()).isFalse();
    assertThat(invalid.getErrors()).extracting(e -> e.getError()).anyMatch(m -> m.contains("uuid"));
  }

  private static JsonNode findingOf(JsonNode result, String control) {
    for (JsonNode finding : result.get("findings")) {
      if (finding.at("/target/target-id").asText().equals(control)) {
        return finding;
      }
    }
    throw new AssertionError("no finding for " + control);
  }
}
