package io.tenantguard.admission;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRefBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tenantguard.kube.Labels;
import java.util.List;
import java.util.Map;

/**
 * A ValidatingAdmissionPolicy and the binding that applies it to tenant namespaces (those whose
 * labels match {@code namespaceLabel}): CEL run by the API server itself, so no webhook the cluster
 * would depend on. Failure policy Fail: a policy that cannot be evaluated refuses.
 */
public record AdmissionPolicy(
    String name,
    List<NamedRuleWithOperations> rules,
    List<MatchCondition> matchConditions,
    List<Variable> variables,
    List<Validation> validations,
    Map<String, String> namespaceLabel) {

  public static NamedRuleWithOperations rule(String group, List<String> resources, String... operations) {
    return new NamedRuleWithOperationsBuilder()
        .withApiGroups(group)
        .withApiVersions("*")
        .withResources(resources)
        .withOperations(operations)
        .build();
  }

  public List<HasMetadata> objects() {
    return objects(null, (ParamRef) null);
  }

  /**
   * The policy and its binding, with {@code parameter} as each request's {@code params}: the object of
   * that kind and name in the request's namespace. Where it is missing the request is denied, so that
   * what the policy requires cannot be skipped by deleting it or by failing to create it.
   */
  public List<HasMetadata> objects(ParamKind kind, String parameter) {
    return objects(kind, parameter == null ? null
        : new ParamRefBuilder().withName(parameter).withParameterNotFoundAction("Deny").build());
  }

  /** The policy and its binding, with {@code parameter} saying where each request's {@code params} is found. */
  public List<HasMetadata> objects(ParamKind kind, ParamRef parameter) {
    ValidatingAdmissionPolicy policy =
        new ValidatingAdmissionPolicyBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER))
            .endMetadata()
            .withNewSpec()
            .withFailurePolicy("Fail")
            .withParamKind(kind)
            .withNewMatchConstraints()
            .withResourceRules(rules)
            .endMatchConstraints()
            .withMatchConditions(matchConditions)
            .withVariables(variables)
            .withValidations(validations)
            .endSpec()
            .build();
    ValidatingAdmissionPolicyBinding binding =
        new ValidatingAdmissionPolicyBindingBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER))
            .endMetadata()
            .withNewSpec()
            .withPolicyName(name)
            .withParamRef(parameter)
            .withValidationActions("Deny")
            .withNewMatchResources()
            .withNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(namespaceLabel).build())
            .endMatchResources()
            .endSpec()
            .build();
    return List.of(policy, binding);
  }
}
