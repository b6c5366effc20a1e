package io.tenantguard.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.tenantguard.api.v1alpha1.tenant.AccessGrant;
import io.tenantguard.api.v1alpha1.tenant.AccessReview;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.Subject;
import io.tenantguard.api.v1alpha1.tenant.SubjectKind;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantRole;
import io.tenantguard.capability.AccessList;
import io.tenantguard.capability.Contribution;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.evidence.Control;
import io.tenantguard.evidence.Controls;
import io.tenantguard.evidence.Evidence;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.separation.SeparationDefaults;
import io.tenantguard.tenant.TenantPlan;
import io.tenantguard.testing.Examples;
import io.tenantguard.testing.TenantEdits;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The clinic's health data sets a quarterly review (P3M); its reviews, access list and duties. */
class AccessCapabilityTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private static TenantPlan plan(Tenant tenant, List<RoleBinding> bindings) {
    tenant.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
    return OperatorRuntime.pipeline(SeparationDefaults.STANDARD).plan(new TenantInputs(tenant, Examples.regions(),
        Examples.classifications(), List.of(), Map.of(), NOW).withTenantBindings(bindings));
  }

  private static Evidence evidence(TenantPlan plan, Control control) {
    return plan.contributions().stream().flatMap(c -> c.contribution().evidence().stream())
        .filter(e -> e.control().equals(control)).findFirst().orElseThrow();
  }

  private static Contribution access(TenantPlan plan) {
    return plan.contributions().stream().filter(c -> c.capability() instanceof AccessCapability).findFirst()
        .orElseThrow().contribution();
  }

  private static Tenant reviewed(String at, String digest) {
    return TenantEdits.accessReview(Examples.tenant("clinique-horizon"),
        new AccessReview(OffsetDateTime.parse(at), "Claire Martin", digest));
  }

  private static String digest() {
    return plan(Examples.tenant("clinique-horizon"), List.of()).accessDigest();
  }

  private static RoleBinding binding(String namespace, String name, String role, String user) {
    return new RoleBindingBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(role).endRoleRef()
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(user).endSubject()
        .build();
  }

  @Test
  void aReviewOfTheCurrentListWithinItsIntervalIsEnforcedAndWakesTheTenantWhenItFallsDue() {
    TenantPlan plan = plan(reviewed("2026-10-15T09:00:00Z", digest()), List.of());

    Evidence review = evidence(plan, Controls.SNC_ACCESS_REVIEW);
    assertThat(review.state()).isEqualTo(ControlState.Enforced);
    assertThat(review.message()).contains("reviewed by Claire Martin", "next review due by 2027-01-15T09:00:00Z",
        "every P3M");
    assertThat(access(plan).wakeAt()).isEqualTo(Instant.parse("2027-01-15T09:00:00Z"));
  }

  @Test
  void anOverdueReviewIsViolatedButLeavesReadyToWhatTheProviderEnforces() {
    TenantPlan plan = plan(reviewed("2026-08-31T09:00:00Z", digest()), List.of());

    Evidence review = evidence(plan, Controls.ISO_ACCESS_REVIEW);
    assertThat(review.state()).isEqualTo(ControlState.Violated);
    assertThat(review.reason()).isEqualTo(AccessReviewCheck.REVIEW_OVERDUE);
    assertThat(review.message()).contains("overdue since 2026-11-30T09:00:00Z");
    assertThat(review.control().providerEnforces()).isFalse();
    assertThat(access(plan).wakeAt()).isNull();
  }

  @Test
  void aReviewOfAnotherListIsStaleAndNamesTheDigestToReview() {
    String before = digest();
    Tenant changed = TenantEdits.access(reviewed("2026-11-30T09:00:00Z", before), grants -> {
      grants.add(new AccessGrant(new Subject(SubjectKind.User, "newcomer@clinique-horizon.example", null),
          TenantRole.developer));
      return grants;
    });

    TenantPlan plan = plan(changed, List.of());

    assertThat(plan.accessDigest()).isNotEqualTo(before);
    Evidence review = evidence(plan, Controls.SNC_ACCESS_REVIEW);
    assertThat(review.state()).isEqualTo(ControlState.Violated);
    assertThat(review.reason()).isEqualTo(AccessReviewCheck.REVIEW_STALE);
    assertThat(review.message()).contains("named access list " + before, "name its digest " + plan.accessDigest());
  }

  @Test
  void withoutAReviewTheFirstIsTheClientsDutyUntilOneIntervalAfterCreation() {
    Tenant young = Examples.tenant("clinique-horizon");
    young.getMetadata().setCreationTimestamp("2026-11-01T00:00:00Z");
    TenantPlan plan = OperatorRuntime.pipeline(SeparationDefaults.STANDARD).plan(new TenantInputs(young,
        Examples.regions(), Examples.classifications(), List.of(), Map.of(), NOW));

    assertThat(evidence(plan, Controls.SNC_ACCESS_REVIEW).state()).isEqualTo(ControlState.ClientResponsibility);
    assertThat(access(plan).wakeAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z").atZone(ZoneOffset.UTC)
        .plusYears(1).toInstant());
    assertThat(evidence(plan(Examples.tenant("clinique-horizon"), List.of()), Controls.SNC_ACCESS_REVIEW).state())
        .as("created in January, never reviewed").isEqualTo(ControlState.Violated);
  }

  @Test
  void noReviewIntervalMeansNothingToReview() {
    TenantPlan plan = plan(Examples.tenant("lumiere-media"), List.of());

    assertThat(evidence(plan, Controls.ISO_ACCESS_REVIEW).state()).isEqualTo(ControlState.NotApplicable);
  }

  @Test
  void theDigestIgnoresTheOrderOfTheListAndCountsTheTenantsOwnBindings() {
    Tenant reversed = TenantEdits.access(Examples.tenant("clinique-horizon"), grants -> {
      Collections.reverse(grants);
      return new ArrayList<>(grants);
    });

    assertThat(plan(reversed, List.of()).accessDigest()).isEqualTo(digest()).startsWith("sha256:");
    assertThat(plan(Examples.tenant("clinique-horizon"),
            List.of(binding("horizon-portal", "extra-viewer", "tenantguard-viewer", "intern@clinique-horizon.example")))
        .accessDigest()).isNotEqualTo(digest());
  }

  @Test
  void anAuditorMadeAdminThroughTheTenantsOwnRoleBindingIsAReportedViolationOfTheClient() {
    RoleBinding admin = binding("horizon-portal", "auditor-helps", "tenantguard-admin", "auditor@audit-firm.example");

    TenantPlan plan = plan(Examples.tenant("clinique-horizon"), List.of(admin));

    Evidence kept = evidence(plan, Controls.ISO_DUTIES_KEPT);
    assertThat(kept.state()).isEqualTo(ControlState.Violated);
    assertThat(kept.message()).contains("User auditor@audit-firm.example is auditor (spec.access) and admin"
        + " (RoleBinding horizon-portal/auditor-helps)");
    assertThat(evidence(plan, Controls.ISO_DUTIES_GRANTED).state()).isEqualTo(ControlState.Enforced);
  }

  @Test
  void bindingsToOtherRolesOrKeepingDutiesApartAreEnforced() {
    TenantPlan plan = plan(Examples.tenant("clinique-horizon"), List.of(
        binding("horizon-portal", "auditor-views", "tenantguard-viewer", "auditor@audit-firm.example"),
        binding("horizon-portal", "dev", "tenantguard-developer", "dev2@clinique-horizon.example")));

    Evidence kept = evidence(plan, Controls.ISO_DUTIES_KEPT);
    assertThat(kept.state()).isEqualTo(ControlState.Enforced);
    assertThat(kept.message()).contains("2 subject binding(s) checked");
    assertThat(AccessList.of(new TenantInputs(Examples.tenant("clinique-horizon"), Map.of(), Map.of(), List.of(),
        Map.of(), NOW)).entries()).hasSize(3);
  }

  @Test
  void aMissingContactIsViolatedAndNamesTheRole() {
    Tenant clinic = Examples.tenant("clinique-horizon");
    var spec = clinic.getSpec();
    clinic.setSpec(new io.tenantguard.api.v1alpha1.tenant.TenantSpec(spec.displayName(), spec.compliance(),
        spec.contacts().stream().filter(c -> !c.role().equals("dpo")).toList(), spec.namespaces(), spec.access(),
        spec.quota(), spec.limits(), spec.network(), spec.encryption(), spec.lifecycle()));

    Evidence contacts = evidence(plan(clinic, List.of()), Controls.ISO_ROLES);

    assertThat(contacts.state()).isEqualTo(ControlState.Violated);
    assertThat(contacts.message()).isEqualTo("spec.contacts has no contact with role dpo (required by classification personal)");
    assertThat(evidence(plan(Examples.tenant("clinique-horizon"), List.of()), Controls.HDS_CONTACTS).state())
        .isEqualTo(ControlState.Enforced);
  }
}
