package io.tenantguard.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The CRD reference of docs/, rendered from the generated schemas so that it cannot drift. */
final class CrdReference {
  private CrdReference() {}

  static String render(List<CustomResourceDefinition> crds) {
    StringBuilder out = new StringBuilder();
    out.append("# CRD reference\n\n")
        .append("Generated from the CRD schemas of `crds/` (themselves generated from the Java types) by\n")
        .append("`GeneratedManifestsTest`; `kubectl explain tenant.spec` shows the same descriptions.\n")
        .append("Group `tenantguard.io`, version `v1alpha1`, every kind cluster-scoped.\n");
    for (CustomResourceDefinition crd : crds) {
      JSONSchemaProps schema = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
      out.append("\n## ").append(crd.getSpec().getNames().getKind()).append("\n\n")
          .append("| field | type | rules | description |\n|---|---|---|---|\n");
      for (String section : List.of("spec", "status")) {
        JSONSchemaProps props = schema.getProperties().get(section);
        if (props != null) {
          rows(section, props, schema.getRequired() != null && schema.getRequired().contains(section), out);
        }
      }
    }
    return out.toString();
  }

  private static void rows(String path, JSONSchemaProps props, boolean required, StringBuilder out) {
    out.append("| `").append(path).append("` | ").append(type(props)).append(" | ")
        .append(cell(rules(props, required))).append(" | ").append(cell(props.getDescription())).append(" |\n");
    JSONSchemaProps element = "array".equals(props.getType()) && props.getItems() != null ? props.getItems().getSchema() : null;
    JSONSchemaProps object = element != null ? element : props;
    String prefix = element != null ? path + "[]" : path;
    if (element != null && element.getProperties() == null && !rules(element, false).isEmpty()) {
      out.append("| `").append(prefix).append("` | ").append(type(element)).append(" | ")
          .append(cell(rules(element, false))).append(" | |\n");
    }
    if (object.getProperties() != null) {
      for (Map.Entry<String, JSONSchemaProps> child : object.getProperties().entrySet()) {
        boolean childRequired = object.getRequired() != null && object.getRequired().contains(child.getKey());
        rows(prefix + "." + child.getKey(), child.getValue(), childRequired, out);
      }
    }
  }

  private static String type(JSONSchemaProps props) {
    if (Boolean.TRUE.equals(props.getXKubernetesIntOrString())) {
      return "integer or string";
    }
    if ("array".equals(props.getType()) && props.getItems() != null) {
      return "array of " + type(props.getItems().getSchema());
    }
    if ("object".equals(props.getType()) && props.getAdditionalProperties() != null
        && props.getAdditionalProperties().getSchema() != null) {
      return "map of " + type(props.getAdditionalProperties().getSchema());
    }
    return props.getFormat() != null ? props.getType() + " (" + props.getFormat() + ")" : props.getType();
  }

  private static String rules(JSONSchemaProps props, boolean required) {
    List<String> rules = new ArrayList<>();
    if (required) {
      rules.add("required");
    }
    if (props.getEnum() != null && !props.getEnum().isEmpty()) {
      rules.add("one of " + String.join(", ", props.getEnum().stream().map(v -> v.asText()).toList()));
    }
    if (props.getDefault() != null) {
      rules.add("default " + props.getDefault().asText());
    }
    if (props.getPattern() != null) {
      rules.add("pattern `" + props.getPattern() + "`");
    }
    addBound(rules, "min length", props.getMinLength());
    addBound(rules, "max length", props.getMaxLength());
    addBound(rules, "min items", props.getMinItems());
    addBound(rules, "max items", props.getMaxItems());
    addBound(rules, "max entries", props.getMaxProperties());
    if (props.getMinimum() != null) {
      rules.add("min " + props.getMinimum().longValue());
    }
    if (props.getMaximum() != null) {
      rules.add("max " + props.getMaximum().longValue());
    }
    if (props.getXKubernetesValidations() != null) {
      for (ValidationRule rule : props.getXKubernetesValidations()) {
        rules.add("CEL" + (rule.getFieldPath() != null ? " on `" + rule.getFieldPath() + "`" : "") + ": " + rule.getMessage());
      }
    }
    return String.join("; ", rules);
  }

  private static void addBound(List<String> rules, String name, Long value) {
    if (value != null) {
      rules.add(name + " " + value);
    }
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
