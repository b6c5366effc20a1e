package io.tenantguard.lifecycle;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.classification.DataClassificationSpec;
import io.tenantguard.api.v1alpha1.classification.Retention;
import io.tenantguard.api.v1alpha1.tenant.AccessGrant;
import io.tenantguard.api.v1alpha1.tenant.Contact;
import io.tenantguard.api.v1alpha1.tenant.Deletion;
import io.tenantguard.api.v1alpha1.tenant.LegalHold;
import io.tenantguard.api.v1alpha1.tenant.Lifecycle;
import io.tenantguard.api.v1alpha1.tenant.LifecycleState;
import io.tenantguard.api.v1alpha1.tenant.Subject;
import io.tenantguard.api.v1alpha1.tenant.SubjectKind;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.api.v1alpha1.tenant.TenantRole;
import io.tenantguard.api.v1alpha1.tenant.TenantSpec;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import java.util.List;
import java.util.Map;

/** Tenants and classifications for the lifecycle's tests: a records namespace (health) and a web one (public). */
final class LifecycleFixtures {
  static final LegalHold HOLD = new LegalHold("court order 2026-117", "legal@provider.example", "2026-05-01T00:00:00Z");

  private LifecycleFixtures() {}

  static Tenant tenant(LifecycleState state, LegalHold hold, Boolean recovery, Deletion persisted) {
    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName("clinic").withUid("7f3a9c2e-1111-2222-3333-444455556666")
        .withGeneration(3L).withCreationTimestamp("2026-01-01T00:00:00Z").build());
    tenant.setSpec(new TenantSpec("Clinic", List.of(), List.of(new Contact("M", "m@clinic.example", "manager")),
        List.of(new TenantNamespace("clinic-records", "fr-paris", "health", null),
            new TenantNamespace("clinic-web", "fr-paris", "public", null)),
        List.of(new AccessGrant(new Subject(SubjectKind.User, "admin@clinic.example", null), TenantRole.admin)),
        null, null, null, null, new Lifecycle(state, recovery, hold)));
    if (persisted != null) {
      tenant.setStatus(new TenantStatus(null, 3L, null, null, null, null, null, null, null, null, null, persisted));
    }
    return tenant;
  }

  static Map<String, DataClassification> classifications(String healthRetention, String publicRetention,
      boolean healthAllowsHolds) {
    return Map.of(
        "health", classification("health", new Retention(healthRetention, "P365D", healthAllowsHolds)),
        "public", classification("public", new Retention(publicRetention, "P30D", true)));
  }

  static DataClassification classification(String name, Retention retention) {
    DataClassification classification = new DataClassification();
    classification.setMetadata(new ObjectMetaBuilder().withName(name).withGeneration(1L).build());
    classification.setSpec(new DataClassificationSpec(name, null, retention));
    return classification;
  }
}
