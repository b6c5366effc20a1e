package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.tenantguard.api.v1alpha1.tenant.AccessGrant;
import io.tenantguard.api.v1alpha1.tenant.SubjectKind;
import io.tenantguard.api.v1alpha1.tenant.TenantRole;
import io.tenantguard.api.v1alpha1.tenant.TenantSpec;
import io.tenantguard.capability.LifecycleStage;
import io.tenantguard.capability.TenantLifecycle;
import io.tenantguard.kube.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RoleBindings of a tenant namespace, one per ClusterRole in use, binding the tenant's
 * subjects, as its lifecycle allows: each to its role while Active; to read-only roles while
 * Suspended; once Terminated, only the admins (people and groups, never a ServiceAccount) to the
 * read-only role while their recovery access lasts; none after.
 */
public final class AccessBindings {
  /** The RoleBinding of a terminated tenant's admins, until its data is no longer accessible. */
  public static final String RECOVERY = "tenantguard-recovery";

  private AccessBindings() {}

  public static List<RoleBinding> desired(String tenant, TenantSpec spec, String namespace, TenantLifecycle lifecycle) {
    Map<String, List<Subject>> subjectsByBinding = new LinkedHashMap<>();
    Map<String, String> roleOfBinding = new LinkedHashMap<>();
    for (AccessGrant grant : spec.access()) {
      String role = switch (lifecycle.stage()) {
        case Active -> TenantRoles.clusterRoleName(grant.role());
        case Suspended -> readOnly(grant.role());
        case Retained -> lifecycle.recoveryAccess() && grant.role() == TenantRole.admin
            && grant.subject().kind() != SubjectKind.ServiceAccount ? TenantRoles.READONLY : null;
        case Destroying, Destroyed -> null;
      };
      if (role != null) {
        String binding = lifecycle.stage() == LifecycleStage.Retained ? RECOVERY : role;
        subjectsByBinding.computeIfAbsent(binding, b -> new ArrayList<>()).add(subject(grant));
        roleOfBinding.put(binding, role);
      }
    }
    List<RoleBinding> bindings = new ArrayList<>();
    subjectsByBinding.forEach((binding, subjects) -> bindings.add(
        new RoleBindingBuilder()
            .withMetadata(Labels.ownedMetadata(tenant, namespace, binding))
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("ClusterRole")
            .withName(roleOfBinding.get(binding))
            .endRoleRef()
            .withSubjects(subjects)
            .build()));
    return bindings;
  }

  /** What a role keeps while its tenant is Suspended: viewers and auditors already only read. */
  private static String readOnly(TenantRole role) {
    return switch (role) {
      case admin, developer -> TenantRoles.READONLY;
      case viewer, auditor -> TenantRoles.clusterRoleName(role);
    };
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
