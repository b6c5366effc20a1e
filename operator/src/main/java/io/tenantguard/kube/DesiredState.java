package io.tenantguard.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether an object holds what tenantguard applied to it, without its managed fields (which the
 * informer caches drop: they were a third of the operator's heap). Two checks, that together
 * answer as server-side apply's own field ownership would:
 *
 * <ul>
 *   <li>every field tenantguard sets has the value it sets (what the API server or another manager
 *       adds beside them is not tenantguard's to judge): this finds outside changes;
 *   <li>the object carries the fingerprint of the desired object it was applied from: this finds a
 *       field tenantguard no longer sets, which applying again removes.
 * </ul>
 */
public final class DesiredState {
  public static final String FINGERPRINT = "tenantguard.io/applied-fingerprint";
  /**
   * Changes when what a fingerprint covers changes (2: no owner references; 3: fields in key order),
   * so that an upgrade re-applies every object once, as an upgrade and not as a drift.
   */
  private static final String SCHEME = "3";
  /** Fields whose values are quantities, which the API server rewrites in canonical form (4000m is 4). */
  private static final Set<String> QUANTITY_MAPS =
      Set.of("hard", "default", "defaultRequest", "max", "min", "maxLimitRequestRatio", "requests", "limits", "capacity");
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private DesiredState() {}

  /**
   * The desired object, annotated with the fingerprint of its own content: what the planner made of
   * it, not the owner reference and bookkeeping annotation JOSDK adds when it applies it.
   */
  public static <R extends HasMetadata> R fingerprinted(R desired) {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (desired.getMetadata().getAnnotations() != null) {
      annotations.putAll(desired.getMetadata().getAnnotations());
    }
    annotations.remove(FINGERPRINT);
    desired.getMetadata().setAnnotations(annotations);
    ObjectNode content = JSON.convertValue(desired, ObjectNode.class);
    ObjectNode metadata = (ObjectNode) content.get("metadata");
    metadata.remove("ownerReferences");
    if (metadata.get("annotations") instanceof ObjectNode contentAnnotations) {
      contentAnnotations.remove(InformerEventSource.PREVIOUS_ANNOTATION_KEY);
      if (contentAnnotations.isEmpty()) {
        metadata.remove("annotations");
      }
    }
    annotations.put(FINGERPRINT, fingerprint(SCHEME + CanonicalJson.of(content)));
    return desired;
  }

  /** The fingerprint an object carries, or null. */
  public static String fingerprintOf(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(FINGERPRINT);
  }

  /** A digest of fingerprinted objects, whatever their order: equal digests, equal plans. */
  public static String digest(List<? extends HasMetadata> fingerprinted) {
    return fingerprint(fingerprinted.stream()
        .map(o -> o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName() + "="
            + fingerprintOf(o))
        .sorted()
        .collect(Collectors.joining("\n")));
  }

  /** Whether {@code actual} holds every field of {@code desired}, each with its value. */
  public static boolean holds(HasMetadata actual, HasMetadata desired) {
    return contains(JSON.convertValue(actual, JsonNode.class), JSON.convertValue(desired, JsonNode.class), "");
  }

  private static boolean contains(JsonNode actual, JsonNode desired, String parent) {
    if (actual == null) {
      // the API server keeps no empty list or map: asking for none is having none
      return desired.isContainerNode() && desired.isEmpty();
    }
    if (desired.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = desired.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!contains(actual.get(field.getKey()), field.getValue(), QUANTITY_MAPS.contains(parent) ? QUANTITY : field.getKey())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!actual.isArray() || actual.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(actual.get(i), desired.get(i), parent)) {
          return false;
        }
      }
      return true;
    }
    if (QUANTITY.equals(parent) && desired.isTextual() && actual.isTextual()) {
      return sameQuantity(desired.asText(), actual.asText());
    }
    return desired.equals(actual);
  }

  private static final String QUANTITY = "\0quantity";

  private static boolean sameQuantity(String desired, String actual) {
    try {
      return new Quantity(desired).getNumericalAmount().compareTo(new Quantity(actual).getNumericalAmount()) == 0;
    } catch (IllegalArgumentException e) {
      return desired.equals(actual);
    }
  }

  private static String fingerprint(String json) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
