package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.VariableBuilder;
import io.tenantguard.admission.AdmissionPolicy;
import io.tenantguard.api.v1alpha1.classification.NetworkIsolation;
import io.tenantguard.kube.Labels;
import java.util.List;
import java.util.Map;

/**
 * Refuses, in every tenant namespace, the Service fields through which a tenant could make the
 * cluster send traffic that is not its own to its pods, or make a proxy of the platform forward to
 * where its own NetworkPolicies would not let it go: {@code spec.externalIPs} and
 * {@code spec.loadBalancerIP} (CVE-2020-8554), and {@code ExternalName} Services naming a
 * cluster-internal or local address (CVE-2021-25740, CVE-2021-32783); under {@code Strict} network
 * isolation, any {@code ExternalName}. A Service's {@code status.loadBalancer} is closed by RBAC
 * (no tenant role writes {@code services/status}), its Endpoints and EndpointSlices too.
 *
 * <p>It judges every user, cluster admins included: no one should open these in a tenant's
 * namespace.
 */
public final class ServiceInterceptionPolicy {
  public static final String NAME = "tenantguard-service-interception";
  /**
   * A name an external resolver answers: two or more DNS labels, the last one alphabetic (not an
   * IP address, nor the {@code 0x7f.1} that some resolvers read as one).
   */
  static final String QUALIFIED_NAME = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\\\.)+[a-z]([-a-z0-9]*[a-z0-9])?$";
  /** Suffixes of names that stay inside the cluster or the host. */
  static final List<String> INTERNAL_SUFFIXES =
      List.of(".local", ".svc", ".pod", ".internal", ".localhost", ".localdomain", ".arpa", ".home.arpa");

  private ServiceInterceptionPolicy() {}

  public static AdmissionPolicy policy() {
    String strict =
        "has(namespaceObject.metadata.labels) && '" + SeparationCapability.NETWORK_ISOLATION_LABEL + "' in"
            + " namespaceObject.metadata.labels && namespaceObject.metadata.labels['"
            + SeparationCapability.NETWORK_ISOLATION_LABEL + "'] == '" + NetworkIsolation.Strict + "'";
    String suffixes = String.join(", ", INTERNAL_SUFFIXES.stream().map(s -> "'" + s + "'").toList());
    return new AdmissionPolicy(
        NAME,
        List.of(AdmissionPolicy.rule("", List.of("services"), "CREATE", "UPDATE")),
        List.of(),
        List.of(
            new VariableBuilder().withName("strict").withExpression(strict).build(),
            new VariableBuilder().withName("externalName").withExpression(
                "object.spec.type != 'ExternalName' || !has(object.spec.externalName) ? ''"
                    + " : object.spec.externalName.lowerAscii()").build(),
            new VariableBuilder().withName("absolute").withExpression("variables.externalName.endsWith('.')").build(),
            new VariableBuilder().withName("name").withExpression(
                "variables.absolute ? variables.externalName.substring(0, variables.externalName.size() - 1)"
                    + " : variables.externalName").build()),
        List.of(
            validation(
                "!has(object.spec.externalIPs) || object.spec.externalIPs.size() == 0",
                "'Service ' + object.metadata.name + ': spec.externalIPs is refused in tenant namespaces: the cluster"
                    + " would send every pod\\'s and node\\'s traffic for ' + object.spec.externalIPs.join(', ')"
                    + " + ' to this tenant (CVE-2020-8554)'"),
            validation(
                "!has(object.spec.loadBalancerIP) || object.spec.loadBalancerIP == ''",
                "'Service ' + object.metadata.name + ': spec.loadBalancerIP is refused in tenant namespaces: a tenant"
                    + " may not claim an address, which may be another\\'s; the platform\\'s load balancer assigns"
                    + " one (CVE-2020-8554)'"),
            validation(
                "object.spec.type != 'ExternalName' || !variables.strict",
                "'Service ' + object.metadata.name + ': type ExternalName is refused in namespace '"
                    + " + namespaceObject.metadata.name + ', whose network isolation is Strict: an ingress"
                    + " controller or proxy would forward to ' + object.spec.externalName + ', beyond the flows"
                    + " the Tenant declares (CVE-2021-25740)'"),
            validation(
                "variables.name == '' || (variables.name.matches('" + QUALIFIED_NAME + "')"
                    + " && ![" + suffixes + "].exists(s, variables.name.endsWith(s))"
                    + " && (variables.absolute || variables.name.split('.').size() > 2))",
                "'Service ' + object.metadata.name + ': externalName ' + object.spec.externalName + ' may resolve"
                    + " inside the cluster (an IP address, a local or cluster name, or a name such as svc.namespace"
                    + " that the search path completes into another namespace\\'s Service): an ingress controller"
                    + " or proxy would forward the tenant\\'s requests there (CVE-2021-25740, CVE-2021-32783);"
                    + " name an external host such as db.example.com, or example.com. with its final dot'")),
        Map.of(Labels.MANAGED_BY, Labels.MANAGER));
  }

  private static Validation validation(String expression, String message) {
    return new ValidationBuilder().withExpression(expression).withMessageExpression(message).withReason("Forbidden")
        .build();
  }
}
