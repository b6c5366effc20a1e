package io.tenantguard.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.tenantguard.api.v1alpha1.certificate.DestroyedNamespace;
import io.tenantguard.api.v1alpha1.tenant.Deletion;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import io.tenantguard.capability.LifecycleStage;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.capability.TenantLifecycle;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.lifecycle.FrozenNamespaces;
import io.tenantguard.lifecycle.LifecycleCapability;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.separation.AccessBindings;
import io.tenantguard.separation.SeparationDefaults;
import io.tenantguard.separation.TenantRoles;
import io.tenantguard.testing.Examples;
import io.tenantguard.testing.TenantEdits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the lifecycle's stage changes what the other capabilities contribute, and the status. */
class LifecyclePipelineTest {
  private static final Instant NOW = TenantPipelineTest.NOW;
  private static final Deletion RETAINED = Deletion.terminated("2026-12-01T09:00:00Z", "P90D (classification health)",
      "2027-03-02T00:00:00Z");
  private final TenantPipeline pipeline = OperatorRuntime.pipeline(SeparationDefaults.STANDARD);
  private final TenantStatusFactory statuses = new TenantStatusFactory(Clock.fixed(NOW, ZoneOffset.UTC),
      pipeline.conditionTypes());

  private TenantPlan plan(Tenant tenant, List<Namespace> owned, TenantLifecycle lifecycle) {
    return pipeline.plan(new TenantInputs(tenant, Examples.regions(), Examples.classifications(), owned, Map.of(), NOW)
        .withLifecycle(lifecycle));
  }

  private static Map<String, List<String>> bindings(TenantPlan plan, String namespace) {
    return plan.objects(RoleBinding.class).stream().filter(b -> b.getMetadata().getNamespace().equals(namespace))
        .collect(java.util.stream.Collectors.toMap(b -> b.getMetadata().getName() + "->" + b.getRoleRef().getName(),
            b -> b.getSubjects().stream().map(Subject::getName).toList()));
  }

  @Test
  void suspendedSubjectsOnlyReadAndTheNamespacesAreFrozen() {
    TenantPlan plan = plan(example("clinique-horizon"), List.of(), TenantLifecycle.of(LifecycleStage.Suspended, null, false));

    assertThat(bindings(plan, "horizon-portal")).containsOnly(
        Map.entry("tenantguard-readonly->tenantguard-readonly",
            List.of("claire.martin@clinique-horizon.example", "horizon-developers")),
        Map.entry("tenantguard-auditor->tenantguard-auditor", List.of("auditor@audit-firm.example")));
    assertThat(plan.objects(Namespace.class)).allSatisfy(ns -> assertThat(ns.getMetadata().getLabels())
        .containsEntry(FrozenNamespaces.FROZEN_LABEL, "true").containsEntry(FrozenNamespaces.STATE_LABEL, "Suspended"));
    assertThat(plan.objects(NetworkPolicy.class)).as("still isolated").hasSize(9);
    assertThat(statuses.status(example("clinique-horizon"), plan).phase()).isEqualTo(TenantPhase.Suspended);
  }

  @Test
  void terminatedOnlyTheAdminPeopleKeepReadOnlyRecoveryNeverAServiceAccount() {
    Tenant media = example("lumiere-media");
    TenantPlan plan = plan(media, List.of(), TenantLifecycle.of(LifecycleStage.Retained, RETAINED, true));

    assertThat(bindings(plan, "lumiere-web")).containsOnly(Map.entry(
        AccessBindings.RECOVERY + "->" + TenantRoles.READONLY, List.of("hugo.bernard@lumiere-media.example")));
    assertThat(plan.objects(Namespace.class)).allSatisfy(ns -> assertThat(ns.getMetadata().getLabels())
        .containsEntry(FrozenNamespaces.STATE_LABEL, "Terminated"));
    TenantStatus status = statuses.status(media, plan);
    assertThat(status.phase()).isEqualTo(TenantPhase.Retained);
    assertThat(status.deletion()).isEqualTo(RETAINED);
    Condition scheduled = Conditions.find(status.conditions(), StatusConditions.DELETION_SCHEDULED);
    assertThat(scheduled.getStatus()).isEqualTo("True");
    assertThat(scheduled.getMessage()).isEqualTo("terminated at 2026-12-01T09:00:00Z; data accessible until"
        + " 2027-03-02T00:00:00Z, then destroyed");
  }

  @Test
  void recoveryAccessEndsWithNoBindingLeft() {
    TenantPlan plan = plan(example("clinique-horizon"), List.of(),
        TenantLifecycle.of(LifecycleStage.Retained, RETAINED, false));

    assertThat(plan.objects(RoleBinding.class)).isEmpty();
    assertThat(plan.objects(Namespace.class)).hasSize(3);
  }

  @Test
  void aNamespaceRemovedFromATerminatedTenantIsNotMadeDeletable() {
    Tenant media = example("lumiere-media");
    List<Namespace> owned = plan(media, List.of(), TenantLifecycle.ACTIVE).objects(Namespace.class);
    Tenant webOnly = TenantEdits.namespaces(media, list -> list.subList(0, 1));

    TenantPlan active = plan(webOnly, owned, TenantLifecycle.ACTIVE);
    TenantPlan terminated = plan(webOnly, owned, TenantLifecycle.of(LifecycleStage.Retained, RETAINED, true));

    assertThat(namespace(active, "lumiere-cdn").getMetadata().getLabels()).containsEntry(Labels.RETAINED, "true");
    assertThat(namespace(terminated, "lumiere-cdn").getMetadata().getLabels()).doesNotContainKey(Labels.RETAINED);
  }

  @Test
  void onceDestructionBeginsNothingIsProvisionedAndTheNamespacesAreReportedGoing() {
    Tenant media = example("lumiere-media");
    List<Namespace> owned = plan(media, List.of(), TenantLifecycle.ACTIVE).objects(Namespace.class).subList(0, 1);
    Deletion started = RETAINED.withInventory("2027-03-02T00:00:01Z",
        List.of(new DestroyedNamespace("lumiere-web", "u1", "de-frankfurt", "public", Map.of())), List.of());

    TenantPlan plan = plan(media, owned, new TenantLifecycle(LifecycleStage.Destroying, started, false,
        "namespaces lumiere-web deleted, waiting", NOW.plusSeconds(5), null));

    assertThat(plan.objects()).isEmpty();
    assertThat(plan.namespaces()).extracting(NamespaceStatus::name, NamespaceStatus::state).containsExactly(
        tuple("lumiere-web", NamespaceState.Destroying), tuple("lumiere-cdn", NamespaceState.Destroying));
    TenantStatus status = statuses.status(media, plan);
    assertThat(status.phase()).isEqualTo(TenantPhase.Destroying);
    Condition lifecycle = Conditions.find(status.conditions(), StatusConditions.LIFECYCLE_ENFORCED);
    assertThat(lifecycle.getStatus()).isEqualTo("False");
    assertThat(lifecycle.getReason()).isEqualTo(LifecycleCapability.DESTRUCTION_IN_PROGRESS);
    assertThat(lifecycle.getMessage()).contains("namespaces lumiere-web deleted, waiting");
    assertThat(plan.contributions().stream().map(c -> c.contribution().wakeAt()).filter(java.util.Objects::nonNull))
        .containsExactly(NOW.plusSeconds(5));
  }

  @Test
  void aRetainedTenantWakesAtItsDeadline() {
    TenantPlan plan = plan(example("lumiere-media"), List.of(),
        TenantLifecycle.of(LifecycleStage.Retained, RETAINED, true));

    assertThat(plan.contributions().stream().map(c -> c.contribution().wakeAt()).filter(java.util.Objects::nonNull))
        .containsExactly(Instant.parse("2027-03-02T00:00:00Z"));
  }

  @Test
  void destroyedIsEnforcedAndNamesTheCertificate() {
    Tenant media = example("lumiere-media");
    Deletion done = RETAINED.withDestroyed("2027-03-02T00:01:00Z", "lumiere-media-0a1b2c3d");

    TenantStatus status = statuses.status(media, plan(media, List.of(),
        TenantLifecycle.of(LifecycleStage.Destroyed, done, false)));

    assertThat(status.phase()).isEqualTo(TenantPhase.Destroyed);
    assertThat(status.namespaces()).extracting(NamespaceStatus::state).containsOnly(NamespaceState.Destroyed);
    Condition lifecycle = Conditions.find(status.conditions(), StatusConditions.LIFECYCLE_ENFORCED);
    assertThat(lifecycle.getStatus()).isEqualTo("True");
    assertThat(lifecycle.getMessage()).contains("DestructionCertificate lumiere-media-0a1b2c3d");
  }

  /** An example tenant as the API server returns it, with a generation. */
  private static Tenant example(String name) {
    Tenant tenant = Examples.tenant(name);
    tenant.getMetadata().setGeneration(1L);
    return tenant;
  }

  private static Namespace namespace(TenantPlan plan, String name) {
    return plan.objects(Namespace.class).stream().filter(ns -> ns.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow();
  }
}
