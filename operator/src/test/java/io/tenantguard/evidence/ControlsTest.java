package io.tenantguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantguard.attestation.Attestations;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.separation.SeparationDefaults;
import io.tenantguard.tenant.TenantPipeline;
import io.tenantguard.tenant.TenantPlan;
import io.tenantguard.testing.Examples;
import io.tenantguard.testing.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalogue: ids unique and as the matrix spells them, evaluated by the capability it names, documented. */
class ControlsTest {
  private static final Path DOC = Manifests.repoRoot().resolve("docs/controls.md");
  private final TenantPipeline pipeline = OperatorRuntime.pipeline(SeparationDefaults.STANDARD,
      Attestations.parse(List.of("ISO27001-A.11.1.1=ISO 27001 certificate 2026-001")));

  private List<TenantPlan.Contributed> contributions(String tenant) {
    TenantPlan plan = pipeline.plan(new TenantInputs(Examples.tenant(tenant), Examples.regions(),
        Examples.classifications(), List.of(), Map.of(), Instant.parse("2026-12-01T10:00:00Z")));
    return plan.contributions();
  }

  @Test
  void everyIdIsUniqueAndSpelledAsTheMatrixLabelsIt() {
    assertThat(Controls.ALL).extracting(Control::id).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("(ISO27001-A\\.|SNC-|HDS-)[0-9.]*[0-9](-provider|-client)?"), "framework-clause[-duty]");
    assertThat(Controls.ALL).allSatisfy(control -> {
      assertThat(control.id()).startsWith(control.framework() == io.tenantguard.api.v1alpha1.Certification.ISO27001
          ? "ISO27001-" : control.framework().name() + "-");
      assertThat(control.iso2013()).as(control.id()).matches("A\\.[0-9]+(\\.[0-9]+)+");
      assertThat(control.iso2022()).as(control.id()).matches("[5-8]\\.[0-9]+");
    });
  }

  @Test
  void aLabelSplitIntoDutiesHasOneControlPerOwner() {
    Map<String, List<Control>> byLabel = Controls.ALL.stream().collect(Collectors.groupingBy(Control::label));
    byLabel.values().stream().filter(duties -> duties.size() > 1).forEach(duties ->
        assertThat(duties).extracting(Control::owner).as(duties.get(0).label()).doesNotHaveDuplicates()
            .contains(ControlOwner.Client));
    assertThat(byLabel.get("HDS-4.4.7.1")).extracting(Control::id)
        .containsExactly("HDS-4.4.7.1-provider", "HDS-4.4.7.1-client");
  }

  @Test
  void everyCapabilityEvaluatesExactlyTheCatalogueControlsThatNameIt() {
    for (String tenant : List.of("clinique-horizon", "lumiere-media")) {
      for (TenantPlan.Contributed contributed : contributions(tenant)) {
        String capability = contributed.capability().getClass().getPackageName().replaceAll(".*\\.", "");
        List<Control> evaluated =
            contributed.contribution().evidence().stream().map(Evidence::control).distinct().toList();
        assertThat(Controls.ALL).as("catalogued").containsAll(evaluated);
        assertThat(evaluated).as(capability + " for " + tenant)
            .containsExactlyInAnyOrderElementsOf(Controls.ALL.stream().filter(c -> c.evaluator().equals(capability)).toList());
        assertThat(contributed.contribution().evidence())
            .allSatisfy(e -> assertThat(e.condition()).as(e.control().id()).isEqualTo(e.control().condition()));
      }
    }
  }

  @Test
  void docsControlsIsGeneratedFromTheCatalogue() throws IOException {
    String rendered = document();
    if (Boolean.getBoolean("tenantguard.regenerate")) {
      Files.writeString(DOC, rendered);
    }
    assertThat(rendered).contains("| `HDS-4.4.7.1-provider` | A.18.1.1 | 5.31 |");
    assertThat(Files.exists(DOC) ? Files.readString(DOC) : "")
        .as("docs/controls.md is stale; run: ./mvnw -pl operator test -Dtest=ControlsTest -Dtenantguard.regenerate=true")
        .isEqualTo(rendered);
  }

  private static String document() {
    StringBuilder doc = new StringBuilder("""
        # Controls

        Generated from `io.tenantguard.evidence.Controls` (ControlsTest checks it is current). Every row of the
        responsibility matrix that the platform can enforce, observe or remind, by section of the matrix. Each
        Tenant shows every control in `status.controls[]` (id, state, reason), and `tenantguard.jar report`
        prints them with their evidence.

        - **id**: the matrix's label (framework, dash, clause); where one label covers distinct duties, one
          control per duty, suffixed `-provider` or `-client`.
        - **ISO 2013 / ISO 2022**: the ISO 27001:2013 Annex A clause the matrix cites, and its ISO 27001:2022
          equivalent.
        - **applies to**: ISO 27001 applies to every tenant; SNC and HDS to tenants whose `spec.compliance`
          carries them (otherwise `NotApplicable`).
        - **evaluated by (condition)**: the capability that gives its evidence and the Tenant condition that
          holds its detail, or `attestation` for an organisational duty
          nothing in the cluster can evaluate: the client's own are `ClientResponsibility`; the provider's are
          `ProviderAttested` with the reference the operator is given (`run --attestation CONTROL=REFERENCE`,
          or `--attestations FILE`, a YAML map of CONTROL: REFERENCE), `NotEnforced` (`NotAttested`) otherwise.
        - **states**: `Enforced`, `Violated`, `NotEnforced`, `ClientResponsibility`, `ProviderAttested`,
          `NotApplicable`. A tenant is Ready when no control the provider answers for is `Violated` and nothing
          the cluster evaluates is `NotEnforced`; a client's duty left undone (an overdue access review) and an
          organisational duty the provider has not attested are shown, in their own conditions and in Ready's
          message, without making Ready false.
        """);
    for (MatrixSection section : MatrixSection.values()) {
      doc.append("\n## ").append(section.heading()).append("\n\n")
          .append("| id | ISO 2013 | ISO 2022 | title | owner | applies to | evaluated by (condition) |\n")
          .append("| --- | --- | --- | --- | --- | --- | --- |\n");
      Controls.ALL.stream().filter(c -> c.section() == section).forEach(c -> doc.append(Arrays.stream(new String[] {
              "`" + c.id() + "`", c.iso2013(), c.iso2022(), c.title(), c.owner().name(), c.appliesUnder(),
              "`" + c.evaluator() + "` (`" + c.condition() + "`)"})
          .collect(Collectors.joining(" | ", "| ", " |\n"))));
    }
    return doc.toString();
  }
}
