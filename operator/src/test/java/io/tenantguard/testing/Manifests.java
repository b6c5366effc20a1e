package io.tenantguard.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads the repository's manifests (examples/, crds/) into tenantguard's types. */
public final class Manifests {
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "Region", Region.class,
          "DataClassification", DataClassification.class,
          "Tenant", Tenant.class,
          "DestructionCertificate", DestructionCertificate.class);

  private Manifests() {}

  public static Path repoRoot() {
    return Path.of(System.getProperty("tenantguard.repoRoot", "..")).toAbsolutePath().normalize();
  }

  /** Every document of a multi-document YAML file, each as its tenantguard type. */
  public static List<HasMetadata> load(Path file) {
    try {
      return Arrays.stream(Files.readString(file).split("(?m)^---\\s*$"))
          .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
          .map(Manifests::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T extends HasMetadata> List<T> load(Path file, Class<T> type) {
    return load(file).stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static HasMetadata parse(String document) {
    String kind = Serialization.unmarshal(document, GenericKubernetesResource.class).getKind();
    Class<? extends HasMetadata> type = KINDS.get(kind);
    if (type == null) {
      throw new IllegalArgumentException("not a tenantguard kind: " + kind);
    }
    return Serialization.unmarshal(document, type);
  }
}
