package io.tenantguard.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

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
    annotations.put(FINGERPRINT, fingerprint(content.toString()));
    return desired;
  }

  /** Whether {@code actual} holds every field of {@code desired}, each with its value. */
  public static boolean holds(HasMetadata actual, HasMetadata desired) {
    return contains(JSON.convertValue(actual, JsonNode.class), JSON.convertValue(desired, JsonNode.class));
  }

  private static boolean contains(JsonNode actual, JsonNode desired) {
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
        if (!contains(actual.get(field.getKey()), field.getValue())) {
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
        if (!contains(actual.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    return desired.equals(actual);
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
