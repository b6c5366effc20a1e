package io.tenantguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantguard.testing.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.separation.TenantRoles;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * crds/ is generated from the Java types (the CRDs, and the tenant ClusterRoles they need) and
 * checked in, so that {@code kubectl apply -f crds/} installs everything cluster-wide; the chart
 * carries the same files. This test fails when it drifts from what
 * the build generates; {@code -Dtenantguard.regenerate=true} rewrites it instead.
 */
class GeneratedManifestsTest {
  private static final Path GENERATED = Path.of(System.getProperty("tenantguard.generatedCrdsDir"));
  private static final Path CHECKED_IN = Manifests.repoRoot().resolve("crds");
  private static final Path CHART = Manifests.repoRoot().resolve("helm/tenantguard");
  private static final String ROLES = "tenantguard-roles.yaml";
  private static final String CRD_HEADER = "# Generated from the Java types of io.tenantguard.api.v1alpha1: see GeneratedManifestsTest.\n";
  private static final Map<String, Class<?>> KINDS = Map.of(
      "Tenant", Tenant.class, "Region", Region.class, "DataClassification", DataClassification.class,
      "DestructionCertificate", DestructionCertificate.class);
  private static final List<String> ORDER = List.of("Tenant", "Region", "DataClassification", "DestructionCertificate");
  private static final String ROLES_HEADER =
      "# Generated from io.tenantguard.separation.TenantRoles: the roles tenant RoleBindings grant.\n";

  @Test
  void crdReferenceIsRenderedFromTheSchemas() throws IOException {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (Map.Entry<String, String> file : generatedCrds().entrySet()) {
      if (file.getKey().endsWith(".tenantguard.io.yaml")) {
        crds.add(Serialization.unmarshal(file.getValue(), CustomResourceDefinition.class));
      }
    }
    crds.sort(Comparator.comparing(crd -> ORDER.indexOf(crd.getSpec().getNames().getKind())));
    String reference = CrdReference.render(crds);
    Path checkedIn = Manifests.repoRoot().resolve("docs/crd-reference.md");
    if (Boolean.getBoolean("tenantguard.regenerate")) {
      Files.createDirectories(checkedIn.getParent());
      Files.writeString(checkedIn, reference);
    }

    assertThat(reference).contains("`spec.contacts`", "must include a contact with role manager");
    assertThat(Files.exists(checkedIn) ? Files.readString(checkedIn) : "")
        .as("docs/crd-reference.md is stale; run: "
            + "./mvnw -pl operator test -Dtest=GeneratedManifestsTest -Dtenantguard.regenerate=true")
        .isEqualTo(reference);
  }

  @Test
  void theChartCarriesTheSameCrdsAndRoles() throws IOException {
    Map<String, String> generated = generatedCrds();
    Map<String, String> crds = new TreeMap<>(generated);
    String roles = crds.remove(ROLES);
    if (Boolean.getBoolean("tenantguard.regenerate")) {
      write(CHART.resolve("crds"), crds);
      write(CHART.resolve("files"), Map.of(ROLES, roles));
    }

    assertThat(read(CHART.resolve("crds"))).as("helm/tenantguard/crds/ must equal crds/").isEqualTo(crds);
    assertThat(read(CHART.resolve("files"))).as("helm/tenantguard/files/").isEqualTo(Map.of(ROLES, roles));
  }

  @Test
  void checkedInCrdsAreWhatTheBuildGenerates() throws IOException {
    Map<String, String> generated = generatedCrds();
    if (Boolean.getBoolean("tenantguard.regenerate")) {
      write(CHECKED_IN, generated);
    }

    assertThat(generated).containsKeys("tenants.tenantguard.io.yaml", "regions.tenantguard.io.yaml");
    assertThat(read(CHECKED_IN))
        .as("crds/ differs from the CRDs generated from the Java types; run: "
            + "./mvnw -pl operator test -Dtest=GeneratedManifestsTest -Dtenantguard.regenerate=true")
        .isEqualTo(generated);
  }

  /** The generator's files, named as crds/ names them ({plural}.{group}.yaml), and the roles. */
  private static Map<String, String> generatedCrds() throws IOException {
    Map<String, String> crds = new TreeMap<>();
    crds.put(ROLES, ROLES_HEADER + TenantRoles.all().stream().map(Serialization::asYaml).collect(Collectors.joining()));
    try (Stream<Path> files = Files.list(GENERATED)) {
      for (Path file : files.filter(f -> f.toString().endsWith("-v1.yml")).toList()) {
        String name = file.getFileName().toString().replace("-v1.yml", ".yaml");
        crds.put(name, CRD_HEADER + Serialization.asYaml(inDeclaredColumnOrder(
            Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class))));
      }
    }
    return crds;
  }

  /**
   * The generator sorts printer columns by name (fabric8 issue 7454), which would put Age first in
   * kubectl's tables; this restores the order the kind's annotations declare.
   */
  private static CustomResourceDefinition inDeclaredColumnOrder(CustomResourceDefinition crd) {
    Class<?> kind = KINDS.get(crd.getSpec().getNames().getKind());
    List<String> declared = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name).toList();
    crd.getSpec().getVersions().forEach(version -> version.getAdditionalPrinterColumns()
        .sort(Comparator.comparing(column -> declared.indexOf(column.getName()))));
    return crd;
  }

  private static Map<String, String> read(Path folder) throws IOException {
    Map<String, String> crds = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return crds;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        crds.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    return crds;
  }

  private static void write(Path folder, Map<String, String> files) throws IOException {
    Files.createDirectories(folder);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(folder.resolve(file.getKey()), file.getValue());
    }
  }
}
