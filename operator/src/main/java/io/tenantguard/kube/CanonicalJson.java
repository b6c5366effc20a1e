package io.tenantguard.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * JSON with every object's fields in key order and no blanks, so that equal content gives equal
 * text in every JVM: maps built with {@code Map.of} iterate in an order that changes from one JVM
 * to the next, and a fingerprint or a signed digest must not.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static String of(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.fields().forEachRemaining(field -> sorted.put(field.getKey(), field.getValue()));
      return sorted.entrySet().stream()
          .map(field -> TextNode.valueOf(field.getKey()) + ":" + of(field.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(of(item)));
      return "[" + String.join(",", items) + "]";
    }
    return node.toString();
  }
}
