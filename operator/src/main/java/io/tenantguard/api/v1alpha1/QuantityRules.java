package io.tenantguard.api.v1alpha1;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CEL rules for the quantities of a quota or a container limit. A Tenant field may hold an integer
 * or a string (pods: 20 and pods: "20" both work), so each rule reads it as a string. A value the
 * API server would refuse in the ResourceQuota or LimitRange made from it is refused here, when the
 * Tenant is applied, and not later as a raw error in a condition.
 */
public final class QuantityRules {
  /** No longer than any quantity needs to be, so that the API server can bound the cost of the rules. */
  public static final int MAX_LENGTH = 32;

  public static final String AMOUNT =
      "isQuantity(string(self)) && sign(quantity(string(self))) >= 0";
  public static final String AMOUNT_MESSAGE = "must be a quantity such as 4, 500m or 8Gi, not negative";

  public static final String COUNT =
      "isQuantity(string(self)) && quantity(string(self)).isInteger() && sign(quantity(string(self))) >= 0";
  public static final String COUNT_MESSAGE = "must be a whole number such as 20, not negative";

  /** The fields of a Tenant's quota that count objects; the others are amounts. */
  public static final String QUOTA_COUNTS = "pods,services,configMaps,secrets,persistentVolumeClaims,"
      + "replicationControllers,resourceQuotas,nodePorts,loadBalancers,objectsPerKind";

  /**
   * Gives every quantity of a type's schema (an int-or-string property) a length bound and the rule
   * of an amount, or of a count for the fields its input names (comma-separated). The generator's
   * field annotations cannot: it reads them both on a record's field and on its accessor, and the
   * API server refuses a rule given twice. Used by the CRD generator at build time only.
   */
  public static final class Schema implements SchemaCustomizer.Customizer {
    @Override
    public JSONSchemaProps apply(JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
      Set<String> counts = Set.of(input.split(","));
      schema.getProperties().forEach((name, property) -> {
        if (Boolean.TRUE.equals(property.getXKubernetesIntOrString())) {
          boolean count = counts.contains(name);
          property.setMaxLength((long) MAX_LENGTH);
          List<io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule> rules = new ArrayList<>();
          rules.add(new ValidationRuleBuilder()
              .withRule(count ? COUNT : AMOUNT)
              .withMessage(count ? COUNT_MESSAGE : AMOUNT_MESSAGE)
              .withReason("FieldValueInvalid")
              .build());
          property.setXKubernetesValidations(rules);
        }
      });
      return schema;
    }
  }

  /**
   * Gives a Tenant's limits the order a LimitRange needs, resource by resource: defaultRequest at most
   * default, both at most max. One rule per pair, on the lower field, naming the higher one; a value
   * that is no quantity is left to its own rule.
   */
  public static final class LimitsInOrder implements SchemaCustomizer.Customizer {
    private static final List<List<String>> PAIRS =
        List.of(List.of("defaultRequest", "default"), List.of("defaultRequest", "max"), List.of("default", "max"));

    @Override
    public JSONSchemaProps apply(JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
      List<io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule> rules =
          new ArrayList<>(schema.getXKubernetesValidations() == null ? List.of() : schema.getXKubernetesValidations());
      for (List<String> pair : PAIRS) {
        for (String resource : schema.getProperties().get(pair.get(0)).getProperties().keySet()) {
          String low = "self." + pair.get(0) + "." + resource;
          String high = "self." + pair.get(1) + "." + resource;
          rules.add(new ValidationRuleBuilder()
              .withRule("!has(self." + pair.get(0) + ") || !has(self." + pair.get(1) + ") || !has(" + low + ")"
                  + " || !has(" + high + ") || !isQuantity(string(" + low + ")) || !isQuantity(string(" + high + "))"
                  + " || quantity(string(" + low + ")).compareTo(quantity(string(" + high + "))) <= 0")
              .withFieldPath("." + pair.get(0) + "." + resource)
              .withMessage("must not be greater than spec.limits." + pair.get(1) + "." + resource
                  + ": a LimitRange needs defaultRequest <= default <= max")
              .withReason("FieldValueInvalid")
              .build());
        }
      }
      schema.setXKubernetesValidations(rules);
      return schema;
    }
  }

  private QuantityRules() {}
}
