package io.tenantguard.lifecycle;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.tenantguard.admission.AdmissionPolicy;
import io.tenantguard.admission.PlatformRequests;
import io.tenantguard.kube.Labels;
import java.util.List;
import java.util.Map;

/**
 * The namespaces of a Suspended or Terminated tenant are read-only: the API server refuses every
 * write in them (any kind and subresource, new pods included) to all but tenantguard, the control
 * plane and cluster admins. It catches what RBAC alone would let through: RoleBindings the tenant
 * made itself, the tokens of its ServiceAccounts, a pod created through a controller's template.
 * It keys on a label the lifecycle puts on the namespaces, which only tenantguard may change.
 */
public final class FrozenNamespaces {
  public static final String NAME = "tenantguard-frozen-namespaces";
  /** On the namespaces of a Suspended or Terminated tenant: what the policy's binding selects. */
  public static final String FROZEN_LABEL = "tenantguard.io/frozen";
  /** Suspended or Terminated: why the namespace is frozen. */
  public static final String STATE_LABEL = "tenantguard.io/lifecycle";

  private FrozenNamespaces() {}

  /** Whether a namespace carries the frozen label: its workloads were stopped and wait to be resumed. */
  static boolean frozen(io.fabric8.kubernetes.api.model.Namespace namespace) {
    var labels = namespace.getMetadata().getLabels();
    return labels != null && "true".equals(labels.get(FROZEN_LABEL));
  }

  public static AdmissionPolicy policy(String operatorUsername) {
    String tenant = "namespaceObject.metadata.labels['" + Labels.TENANT + "']";
    String state = "namespaceObject.metadata.labels['" + STATE_LABEL + "']";
    return new AdmissionPolicy(
        NAME,
        List.of(new NamedRuleWithOperationsBuilder()
            .withApiGroups("*")
            .withApiVersions("*")
            .withResources("*/*")
            .withOperations("CREATE", "UPDATE", "DELETE")
            .withScope("Namespaced")
            .build()),
        List.of(PlatformRequests.notThePlatform(operatorUsername)),
        List.of(),
        List.of(new ValidationBuilder()
            .withExpression("false")
            .withMessageExpression("'namespace ' + request.namespace + ' belongs to tenant ' + " + tenant
                + " + ', which is ' + " + state + " + ': its namespaces are read-only and run no new pod'"
                + " + (" + state + " == 'Suspended'"
                + " ? ' until the Tenant is Active again (spec.lifecycle.state)'"
                + " : ', its data kept until its deletion schedule destroys it (status.deletion)')")
            .withReason("Forbidden")
            .build()),
        Map.of(FROZEN_LABEL, "true"));
  }
}
