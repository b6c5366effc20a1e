package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.tenantguard.api.v1alpha1.Patterns;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

@ValidationRule(
    value = "!has(self.keys) || self.keys.all(k, self.keys.exists_one(m, m.region == k.region))",
    message = "keys must name each region once",
    fieldPath = ".keys")
@ValidationRule(
    value = "!has(self.keyRotatedAt) || has(self.keyRef)",
    message = "keyRotatedAt dates keyRef: set keyRef too",
    fieldPath = ".keyRotatedAt",
    reason = "FieldValueRequired")
public record Encryption(
    @JsonPropertyDescription(
            "Identifier of the client's own key (BYOK) in the provider's key service, for every region that has no key of its own in keys; the tenant's StorageClasses name it. Never key material.")
        @Size(min = 1, max = 2048)
        @Pattern(Patterns.PRINTABLE)
        String keyRef,
    @JsonPropertyDescription(
            "When the client last created or rotated keyRef (RFC 3339), checked against the classifications' keyRotationInterval.")
        OffsetDateTime keyRotatedAt,
    @JsonPropertyDescription("A key for each region (the client's key matrix); a region listed here does not use keyRef.")
        @Size(max = 64)
        List<RegionKey> keys) {

  public static final Encryption NONE = new Encryption(null, null, null);

  public Encryption {
    keys = keys == null ? List.of() : List.copyOf(keys);
  }

  /** The key the tenant's volumes in {@code region} use: the region's own, else the default one. */
  public Optional<RegionKey> keyFor(String region) {
    return keys.stream()
        .filter(key -> key.region().equals(region))
        .findFirst()
        .or(() -> Optional.ofNullable(keyRef).map(ref -> new RegionKey(region, ref, keyRotatedAt)));
  }
}
