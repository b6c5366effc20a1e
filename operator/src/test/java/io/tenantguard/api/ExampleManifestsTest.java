package io.tenantguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.Jurisdiction;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.classification.NetworkIsolation;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.LifecycleState;
import io.tenantguard.api.v1alpha1.tenant.SubjectKind;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.testing.Manifests;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExampleManifestsTest {
  private static final Path EXAMPLES = Manifests.repoRoot().resolve("examples");

  @ParameterizedTest
  @ValueSource(strings = {"regions.yaml", "classifications.yaml", "tenants.yaml", "demo/lifecycle.yaml"})
  void everyExampleSurvivesARoundTripThroughYaml(String file) {
    List<HasMetadata> manifests = Manifests.load(EXAMPLES.resolve(file));

    assertThat(manifests).isNotEmpty();
    for (HasMetadata manifest : manifests) {
      HasMetadata again = Serialization.unmarshal(Serialization.asYaml(manifest), manifest.getClass());
      assertThat(again).as(manifest.getMetadata().getName()).isEqualTo(manifest);
    }
  }

  @Test
  void regionsReadCountryJurisdictionAndCertifications() {
    List<Region> regions = Manifests.load(EXAMPLES.resolve("regions.yaml"), Region.class);

    Region paris = regions.get(0);
    assertThat(paris.getSpec().country()).isEqualTo("FR");
    assertThat(paris.getSpec().certifications()).containsExactly(Certification.ISO27001, Certification.SNC, Certification.HDS);
    assertThat(paris.getSpec().nodeSelector()).containsEntry("topology.kubernetes.io/region", "fr-paris");
    assertThat(paris.getSpec().storage().keyParameter()).isEqualTo("kmsKeyId");
    assertThat(regions.get(2).getSpec().jurisdiction()).isEqualTo(Jurisdiction.NON_EU);
    assertThat(Serialization.asYaml(regions.get(2))).contains("jurisdiction: \"non-EU\"");
  }

  @Test
  void unsetRequirementsAndRetentionTakeTheirDefaults() {
    DataClassification publicData =
        Manifests.load(EXAMPLES.resolve("classifications.yaml"), DataClassification.class).get(0);

    assertThat(publicData.getSpec().requirements().networkIsolation()).isEqualTo(NetworkIsolation.Standard);
    assertThat(publicData.getSpec().retention().afterTermination()).isEqualTo("P90D");
    assertThat(publicData.getSpec().retention().destructionProof()).isEqualTo("P365D");
  }

  @Test
  void quotaCountsAcceptIntegersAndStrings() {
    List<Tenant> tenants = Manifests.load(EXAMPLES.resolve("tenants.yaml"), Tenant.class);

    assertThat(tenants.get(0).getSpec().quota().pods()).isEqualTo(new Quantity("100"));
    assertThat(tenants.get(1).getSpec().quota().pods()).isEqualTo(new Quantity("50"));
  }

  @Test
  void tenantReadsContactsAccessAndLifecycle() {
    Tenant clinic = Manifests.load(EXAMPLES.resolve("tenants.yaml"), Tenant.class).get(0);

    assertThat(clinic.getSpec().contacts()).extracting(c -> c.role()).contains("manager", "healthProfessional");
    assertThat(clinic.getSpec().namespaces()).extracting(n -> n.classification()).containsExactly("health", "health", "personal");
    assertThat(clinic.getSpec().access()).extracting(a -> a.subject().kind()).contains(SubjectKind.Group);
    assertThat(clinic.getSpec().limits().defaultLimit().memory()).isEqualTo(new Quantity("512Mi"));
    assertThat(clinic.getSpec().lifecycle().state()).isEqualTo(LifecycleState.Active);
  }
}
