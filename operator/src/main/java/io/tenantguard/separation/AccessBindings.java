package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.tenantguard.api.v1alpha1.tenant.AccessGrant;
import io.tenantguard.api.v1alpha1.tenant.SubjectKind;
import io.tenantguard.api.v1alpha1.tenant.TenantRole;
import io.tenantguard.api.v1alpha1.tenant.TenantSpec;
import io.tenantguard.kube.Labels;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One RoleBinding per role in use, binding the tenant's subjects to the tenant ClusterRole. */
public final class AccessBindings {
  private AccessBindings() {}

  public static List<RoleBinding> desired(String tenant, TenantSpec spec, String namespace) {
    Map<TenantRole, List<Subject>> subjectsByRole = new EnumMap<>(TenantRole.class);
    for (AccessGrant grant : spec.access()) {
      subjectsByRole.computeIfAbsent(grant.role(), role -> new ArrayList<>()).add(subject(grant));
    }
    List<RoleBinding> bindings = new ArrayList<>();
    subjectsByRole.forEach(
        (role, subjects) ->
            bindings.add(
                new RoleBindingBuilder()
                    .withMetadata(Labels.ownedMetadata(tenant, namespace, TenantRoles.clusterRoleName(role)))
                    .withNewRoleRef()
                    .withApiGroup("rbac.authorization.k8s.io")
                    .withKind("ClusterRole")
                    .withName(TenantRoles.clusterRoleName(role))
                    .endRoleRef()
                    .withSubjects(subjects)
                    .build()));
    return bindings;
  }

  private static Subject subject(AccessGrant grant) {
    SubjectKind kind = grant.subject().kind();
    SubjectBuilder subject = new SubjectBuilder().withKind(kind.name()).withName(grant.subject().name());
    if (kind == SubjectKind.ServiceAccount) {
      subject.withNamespace(grant.subject().namespace());
    } else {
      subject.withApiGroup("rbac.authorization.k8s.io");
    }
    return subject.build();
  }
}
