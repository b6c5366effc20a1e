package io.tenantguard.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.testing.Examples;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacementRulesTest {
  @ParameterizedTest(name = "{0} data in {1} for a {2} tenant")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          health   | fr-paris     | HDS          | ''
          health   | fr-paris     | ISO27001 SNC | classification health holds health data, which is hosted only under the HDS contract, and the tenant's spec.compliance does not carry HDS
          health   | de-frankfurt | HDS          | requires certification HDS, which region de-frankfurt (DE, EU) does not hold
          health   | de-frankfurt | ISO27001     | allows countries FR only, and region de-frankfurt (DE, EU) is in DE
          health   | us-east      | ISO27001     | allows jurisdictions EU only, and region us-east (US, non-EU) is not
          personal | us-east      | ISO27001     | allows jurisdictions EU only, and region us-east (US, non-EU) is not
          personal | de-frankfurt | ISO27001     | ''
          public   | us-east      | ISO27001     | ''
          public   | de-frankfurt | SNC          | the tenant's contract carries SNC, which region de-frankfurt (DE, EU) does not hold
          public   | us-east      | SNC          | the tenant's contract carries SNC, which requires EU jurisdiction, and region us-east (US, non-EU) is not
          public   | fr-paris     | SNC HDS      | ''
          public   | mars-base    | ISO27001     | Region mars-base does not exist (spec.namespaces[0].region)
          secret   | fr-paris     | ISO27001     | DataClassification secret does not exist (spec.namespaces[0].classification)
          """)
  void placementIsAllowedOnlyWhereEveryRuleHolds(
      String classification, String region, String compliance, String expectedViolation) {
    List<Certification> labels = Arrays.stream(compliance.split(" ")).map(Certification::valueOf).toList();

    List<String> violations =
        PlacementRules.violations("ns", "spec.namespaces[0]", region, Examples.regions().get(region), classification,
            Examples.classifications().get(classification), labels);

    if (expectedViolation.isEmpty()) {
      assertThat(violations).isEmpty();
    } else {
      assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("namespace ns: ").contains(expectedViolation));
    }
  }

  @Test
  void healthDataWithoutTheHdsContractIsTheOnlyViolationInAnHdsRegion() {
    List<String> violations =
        PlacementRules.violations("records", "spec.namespaces[0]", "fr-paris", Examples.regions().get("fr-paris"), "health",
            Examples.classifications().get("health"), List.of(Certification.ISO27001));

    assertThat(violations).containsExactly(
        "namespace records: classification health holds health data, which is hosted only under the HDS contract,"
            + " and the tenant's spec.compliance does not carry HDS");
  }
}
