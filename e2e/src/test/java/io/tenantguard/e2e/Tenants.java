package io.tenantguard.e2e;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.tenant.AccessGrant;
import io.tenantguard.api.v1alpha1.tenant.Contact;
import io.tenantguard.api.v1alpha1.tenant.Encryption;
import io.tenantguard.api.v1alpha1.tenant.Subject;
import io.tenantguard.api.v1alpha1.tenant.SubjectKind;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.api.v1alpha1.tenant.TenantRole;
import io.tenantguard.api.v1alpha1.tenant.TenantSpec;
import java.util.List;

/**
 * Tenants the tests and the benchmark make up: a manager, a health professional, an admin and an
 * auditor, and a key of their own for every region.
 */
public final class Tenants {
  private Tenants() {}

  public static Tenant tenant(String name, List<Certification> compliance, TenantNamespace... namespaces) {
    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    tenant.setSpec(new TenantSpec(name, compliance,
        List.of(new Contact("Manager", "manager@" + name + ".example", "manager"),
            new Contact("Dr Health", "health@" + name + ".example", "healthProfessional")),
        List.of(namespaces),
        List.of(new AccessGrant(new Subject(SubjectKind.User, "admin@" + name + ".example", null), TenantRole.admin),
            new AccessGrant(new Subject(SubjectKind.User, "auditor@" + name + ".example", null), TenantRole.auditor)),
        null, null, null, new Encryption("kms:key/" + name, null, null), null));
    return tenant;
  }

  public static TenantNamespace namespace(String name, String region, String classification) {
    return new TenantNamespace(name, region, classification, null);
  }
}
