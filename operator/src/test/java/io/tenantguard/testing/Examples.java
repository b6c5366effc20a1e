package io.tenantguard.testing;

import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The example platform of examples/, by name. */
public final class Examples {
  private Examples() {}

  public static Map<String, Region> regions() {
    return byName(Manifests.load(Manifests.repoRoot().resolve("examples/regions.yaml"), Region.class));
  }

  public static Map<String, DataClassification> classifications() {
    return byName(Manifests.load(Manifests.repoRoot().resolve("examples/classifications.yaml"), DataClassification.class));
  }

  public static Tenant tenant(String name) {
    return Manifests.load(Manifests.repoRoot().resolve("examples/tenants.yaml"), Tenant.class).stream()
        .filter(t -> t.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Map<String, T> byName(List<T> items) {
    return items.stream().collect(Collectors.toMap(i -> i.getMetadata().getName(), Function.identity()));
  }
}
