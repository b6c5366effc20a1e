package io.tenantguard.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.certificate.DestroyedNamespace;
import io.tenantguard.api.v1alpha1.certificate.DestroyedVolume;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificateSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertificateSealTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private final SigningKey key = SigningKey.generated();

  private ObjectNode sealed() {
    DestructionCertificateSpec content = new DestructionCertificateSpec("clinic", "uid-1", "Clinic",
        List.of(Certification.HDS), List.of("health"),
        List.of(new DestroyedNamespace("clinic-records", "ns-uid", "fr-paris", "health", Map.of("secrets", 3L, "pods", 0L))),
        List.of(new DestroyedVolume("pv-1", "clinic-records/data", "Retain", "encrypted", null, "10Gi")),
        "2026-06-10T14:23:05Z", "PT40S (classification health)", "2026-06-10T14:23:45Z", "2026-06-10T14:23:46Z",
        "2026-06-10T14:24:00Z", "P1Y (the platform's floor)", "2027-06-10T14:24:00Z", List.of("namespaces deleted"),
        List.of("namespace clinic-records (uid ns-uid): not found"), "1.0.0", null, null, null);
    return CertificateSeal.seal(JSON.convertValue(content, JsonNode.class), key);
  }

  @Test
  void aSealedCertificateVerifiesWithItsKeyAfterAYamlRoundTrip() {
    ObjectNode sealed = sealed();
    JsonNode readBack = JSON.unmarshal(JSON.asYaml(sealed), JsonNode.class);

    assertThat(CertificateSeal.problems(sealed, key.publicKey())).isEmpty();
    assertThat(CertificateSeal.problems(readBack, key.publicKey())).isEmpty();
    assertThat(sealed.path("digest").asText()).hasSize(64);
    assertThat(sealed.path("signature").path("keyId").asText()).isEqualTo(key.keyId());
    assertThat(JSON.convertValue(sealed, DestructionCertificateSpec.class).fieldDigests()).containsKeys("namespaces", "destroyedAt");
  }

  @Test
  void aChangedFieldIsNamed() {
    ObjectNode tampered = sealed();
    ((ObjectNode) tampered.path("namespaces").get(0).path("objectCounts")).put("secrets", 0);
    tampered.put("destroyedAt", "2026-06-09T00:00:00Z");

    assertThat(CertificateSeal.problems(tampered, key.publicKey()))
        .anyMatch(p -> p.startsWith("spec.namespaces was changed after signing"))
        .anyMatch(p -> p.startsWith("spec.destroyedAt was changed after signing"))
        .anyMatch(p -> p.startsWith("spec.digest does not match"))
        .noneMatch(p -> p.startsWith("spec.retainUntil"));
  }

  @Test
  void digestsForgedToMatchFailOnTheSignature() {
    ObjectNode tampered = sealed();
    tampered.put("retainUntil", "2026-06-11T00:00:00Z");
    ObjectNode forged = CertificateSeal.seal(tampered, SigningKey.generated());
    forged.set("signature", sealed().get("signature"));

    assertThat(CertificateSeal.problems(forged, key.publicKey()))
        .containsExactly("spec.signature does not verify: spec.digest or spec.fieldDigests were changed after signing");
  }

  @Test
  void aFieldAddedOrRemovedAfterSigningIsNamed() {
    ObjectNode added = sealed();
    added.put("legalHolds", "none");
    ObjectNode removed = sealed();
    removed.remove("persistentVolumes");

    assertThat(CertificateSeal.problems(added, key.publicKey()))
        .contains("spec.legalHolds was added after signing: the signature does not cover it");
    assertThat(CertificateSeal.problems(removed, key.publicKey())).contains("spec.persistentVolumes was removed after signing");
  }

  @Test
  void anotherKeyIsNamedAsSuch() {
    SigningKey other = SigningKey.generated();

    assertThat(CertificateSeal.problems(sealed(), other.publicKey()))
        .singleElement().asString().contains("signed by another key").contains(other.keyId());
  }

  @Test
  void aPublicKeyReadsBackFromItsPem() {
    assertThat(SigningKey.keyId(SigningKey.readPem(key.publicKeyPem()))).isEqualTo(key.keyId());
  }
}
