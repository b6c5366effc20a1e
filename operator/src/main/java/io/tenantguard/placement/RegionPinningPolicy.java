package io.tenantguard.placement;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.VariableBuilder;
import io.tenantguard.admission.AdmissionPolicy;
import java.util.List;
import java.util.Map;

/**
 * Refuses, in a pinned namespace, any pod or pod template that does not select its region's nodes
 * (through spec.nodeSelector, or a required node affinity whose every term pins each label). The
 * region's labels come from the namespace's node-selector annotation, so one policy serves every
 * region.
 */
public final class RegionPinningPolicy {
  public static final String NAME = "tenantguard-region-pinning";
  /** Set on namespaces whose classification restricts where its data may be hosted. */
  public static final String PINNED_LABEL = "tenantguard.io/pinned";

  private RegionPinningPolicy() {}

  public static AdmissionPolicy policy() {
    String annotation = "'" + NodeSelection.NODE_SELECTOR_ANNOTATION + "'";
    String affinity = "variables.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution";
    return new AdmissionPolicy(
        NAME,
        List.of(
            AdmissionPolicy.rule("", List.of("pods"), "CREATE", "UPDATE"),
            AdmissionPolicy.rule("apps", List.of("deployments", "statefulsets", "daemonsets", "replicasets"), "CREATE", "UPDATE"),
            AdmissionPolicy.rule("batch", List.of("jobs", "cronjobs"), "CREATE", "UPDATE")),
        List.of(),
        List.of(
            variable("spec",
                "object.kind == 'Pod' ? object.spec"
                    + " : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec"
                    + " : object.spec.template.spec"),
            variable("labels",
                "has(namespaceObject.metadata.annotations) && " + annotation + " in namespaceObject.metadata.annotations"
                    + " ? namespaceObject.metadata.annotations[" + annotation + "].split(',') : []"),
            variable("region", "namespaceObject.metadata.labels['tenantguard.io/region']")),
        List.of(
            new ValidationBuilder()
                .withExpression(
                    "variables.labels.all(l, "
                        + "(has(variables.spec.nodeSelector) && l.split('=')[0] in variables.spec.nodeSelector"
                        + " && variables.spec.nodeSelector[l.split('=')[0]] == l.split('=')[1])"
                        + " || (has(variables.spec.affinity) && has(variables.spec.affinity.nodeAffinity)"
                        + " && has(" + affinity + ")"
                        + " && " + affinity + ".nodeSelectorTerms.all(t, has(t.matchExpressions)"
                        + " && t.matchExpressions.exists(e, e.key == l.split('=')[0] && e.operator == 'In'"
                        + " && e.values.all(v, v == l.split('=')[1])))))")
                .withMessageExpression(
                    "'namespace ' + namespaceObject.metadata.name + ' is pinned to region ' + variables.region"
                        + " + ': the pod spec of this ' + object.kind + ' must set nodeSelector '"
                        + " + variables.labels.join(', ') + ' (or a required node affinity on it)'")
                .withReason("Forbidden")
                .build()),
        Map.of(PINNED_LABEL, "true"));
  }

  private static Variable variable(String name, String expression) {
    return new VariableBuilder().withName(name).withExpression(expression).build();
  }
}
