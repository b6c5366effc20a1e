package io.tenantguard.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantguard.kube.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seals a DestructionCertificate's spec, and checks a seal offline. The seal is three fields: the
 * SHA-256 of each field's canonical JSON ({@code fieldDigests}), that of the whole ({@code
 * digest}), and an Ed25519 signature over the canonical JSON of all but itself. A copy whose
 * field was changed fails on that field's digest, which names it; one whose digests were forged
 * to match fails on the signature. Canonical JSON (keys in order, no blanks, no nulls) reads the
 * same from the operator's objects and from a kubectl or JSON export.
 */
public final class CertificateSeal {
  static final String DIGEST = "digest";
  static final String FIELD_DIGESTS = "fieldDigests";
  static final String SIGNATURE = "signature";
  private static final Set<String> SEAL = Set.of(DIGEST, FIELD_DIGESTS, SIGNATURE);

  private CertificateSeal() {}

  /** The spec {@code content} with its seal added. */
  public static ObjectNode seal(JsonNode content, SigningKey key) {
    ObjectNode sealed = withoutNulls(content);
    SEAL.forEach(sealed::remove);
    ObjectNode fieldDigests = JsonNodeFactory.instance.objectNode();
    sealed.fields().forEachRemaining(field -> fieldDigests.put(field.getKey(), sha256(field.getValue())));
    String digest = sha256(sealed);
    sealed.put(DIGEST, digest);
    sealed.set(FIELD_DIGESTS, fieldDigests);
    ObjectNode signature = sealed.putObject(SIGNATURE);
    signature.put("algorithm", SigningKey.ALGORITHM);
    signature.put("keyId", key.keyId());
    signature.put("value", key.sign(signed(sealed)));
    return sealed;
  }

  /**
   * What is wrong with a certificate's spec, checked with {@code key}: each field changed,
   * added or removed since it was signed, a wrong digest, a signature that does not verify. Empty
   * when the certificate is intact and signed by that key.
   */
  public static List<String> problems(JsonNode spec, PublicKey key) {
    ObjectNode sealed = withoutNulls(spec);
    List<String> problems = new ArrayList<>();
    JsonNode fieldDigests = sealed.path(FIELD_DIGESTS);
    ObjectNode content = sealed.deepCopy();
    SEAL.forEach(content::remove);
    Set<String> fields = new TreeSet<>();
    content.fieldNames().forEachRemaining(fields::add);
    fieldDigests.fieldNames().forEachRemaining(fields::add);
    for (String field : fields) {
      String signedDigest = fieldDigests.path(field).asText(null);
      if (!content.has(field)) {
        problems.add("spec." + field + " was removed after signing");
      } else if (signedDigest == null) {
        problems.add("spec." + field + " was added after signing: the signature does not cover it");
      } else if (!signedDigest.equals(sha256(content.get(field)))) {
        problems.add("spec." + field + " was changed after signing: its SHA-256 is " + sha256(content.get(field))
            + ", the signed one " + signedDigest);
      }
    }
    if (!sha256(content).equals(sealed.path(DIGEST).asText())) {
      problems.add("spec.digest does not match the certificate's fields");
    }
    JsonNode signature = sealed.path(SIGNATURE);
    String keyId = SigningKey.keyId(key);
    if (!keyId.equals(signature.path("keyId").asText())) {
      problems.add("spec.signature.keyId is " + signature.path("keyId").asText("missing") + ", not the key given ("
          + keyId + "): signed by another key");
    } else if (!SigningKey.ALGORITHM.equals(signature.path("algorithm").asText())
        || !verifies(key, signed(sealed), signature.path("value").asText())) {
      problems.add("spec.signature does not verify: spec.digest or spec.fieldDigests were changed after signing");
    }
    return problems;
  }

  /** What the signature covers: the canonical JSON of the spec without the signature. */
  private static byte[] signed(ObjectNode sealed) {
    ObjectNode covered = sealed.deepCopy();
    covered.remove(SIGNATURE);
    return CanonicalJson.of(covered).getBytes(StandardCharsets.UTF_8);
  }

  private static boolean verifies(PublicKey key, byte[] message, String base64) {
    try {
      Signature signature = Signature.getInstance(SigningKey.ALGORITHM);
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(Base64.getDecoder().decode(base64));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  static String sha256(JsonNode node) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(CanonicalJson.of(node).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A copy without null members, which the API server drops: absent and null read the same. */
  private static ObjectNode withoutNulls(JsonNode node) {
    ObjectNode copy = node.isObject() ? ((ObjectNode) node).deepCopy() : JsonNodeFactory.instance.objectNode();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isNull()) {
          fields.remove();
        } else {
          strip(field.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(CertificateSeal::strip);
    }
  }
}
