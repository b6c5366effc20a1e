package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.tenantguard.admission.AdmissionPolicy;
import io.tenantguard.admission.PlatformRequests;
import io.tenantguard.kube.Labels;
import java.util.List;
import java.util.Map;

/**
 * Protects what tenantguard manages in tenant namespaces (RoleBindings, NetworkPolicies, quotas)
 * from every tenant user: tenant admins may create their own RoleBindings and NetworkPolicies, but
 * cannot change, delete, relabel or forge the managed ones. Only the operator itself and the
 * control plane (namespace deletion, garbage collection) may.
 */
public final class ManagedObjectProtection {
  public static final String NAME = "tenantguard-protect-managed-objects";

  private ManagedObjectProtection() {}

  public static AdmissionPolicy policy(String operatorUsername) {
    String managed = "'" + Labels.MANAGED_BY + "'";
    String notManaged =
        "(%1$s == null || !has(%1$s.metadata.labels) || !(" + managed + " in %1$s.metadata.labels)"
            + " || %1$s.metadata.labels[" + managed + "] != '" + Labels.MANAGER + "')";
    return new AdmissionPolicy(
        NAME,
        List.of(
            AdmissionPolicy.rule("rbac.authorization.k8s.io", List.of("rolebindings"), "CREATE", "UPDATE", "DELETE"),
            AdmissionPolicy.rule("networking.k8s.io", List.of("networkpolicies"), "CREATE", "UPDATE", "DELETE"),
            AdmissionPolicy.rule("", List.of("resourcequotas", "limitranges"), "CREATE", "UPDATE", "DELETE")),
        List.of(PlatformRequests.notThePlatform(operatorUsername)),
        List.of(),
        List.of(
            new ValidationBuilder()
                .withExpression(String.format(notManaged, "object") + " && " + String.format(notManaged, "oldObject"))
                .withMessageExpression(
                    "'tenantguard manages ' + request.resource.resource + ' ' + request.namespace + '/' + request.name"
                        + " + ': it enforces the tenant\\'s isolation and only changes through its Tenant'")
                .withReason("Forbidden")
                .build()),
        Map.of(Labels.MANAGED_BY, Labels.MANAGER));
  }
}
