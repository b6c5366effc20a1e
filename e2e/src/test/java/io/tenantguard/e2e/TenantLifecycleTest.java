package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
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
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.api.v1alpha1.tenant.TenantRole;
import io.tenantguard.api.v1alpha1.tenant.TenantSpec;
import io.tenantguard.kube.Clients;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.lifecycle.CertificateProtection;
import io.tenantguard.lifecycle.CertificateSeal;
import io.tenantguard.lifecycle.FrozenNamespaces;
import io.tenantguard.lifecycle.LifecycleCapability;
import io.tenantguard.lifecycle.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deletion lifecycle on the real control plane, with retentions of seconds (the shared
 * operator runs without floors): suspension and resume, termination as the tenant's users see it,
 * a deadline that survives a restart, destruction, the signed certificate as a cluster admin and
 * an offline verifier see it, a legal hold, a volume kept by Retain.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantLifecycleTest {
  private static final String NINETY_SECONDS = "lifecycle-90s";
  private static final String TWENTY_SECONDS = "lifecycle-20s";
  private static final Duration DESTRUCTION = Duration.ofSeconds(120);
  private static final LegalHold HOLD = new LegalHold("court order 2026-117", "legal@provider.example", "2026-05-01T00:00:00Z");

  private RealCluster.Cluster cluster;
  /** The test's admin, which the operator under test also runs as. */
  private KubernetesClient admin;
  /** A cluster admin of the platform team (system:masters), who is not the operator. */
  private KubernetesClient platformAdmin;
  @TempDir Path folder;

  @BeforeAll
  void tenantsOnShortSchedules(RealCluster.Cluster cluster) {
    this.cluster = cluster;
    cluster.operator();
    admin = cluster.admin();
    platformAdmin = Platform.platformAdmin(cluster);
    Platform.applyRegionsAndClassifications(admin);
    Platform.apply(admin, classification(NINETY_SECONDS, "PT90S"));
    Platform.apply(admin, classification(TWENTY_SECONDS, "PT20S"));
    for (String name : List.of("lc-suspend", "lc-term", "lc-hold", "lc-volume")) {
      Platform.apply(admin, tenant(name, name.equals("lc-term") ? NINETY_SECONDS : TWENTY_SECONDS, Lifecycle.ACTIVE));
    }
    for (String name : List.of("lc-suspend", "lc-term", "lc-hold", "lc-volume")) {
      Platform.awaitProvisioned(admin, name);
    }
    // two tenants start their schedule now, so that their deadlines pass while the others are tried
    retainedVolume("lc-volume-app");
    Platform.apply(admin, tenant("lc-hold", TWENTY_SECONDS, new Lifecycle(LifecycleState.Terminated, null, HOLD)));
    Platform.apply(admin, tenant("lc-volume", TWENTY_SECONDS, new Lifecycle(LifecycleState.Terminated, null, null)));
  }

  @AfterAll
  void closeClients() {
    platformAdmin.close();
  }

  @Test
  @Order(1)
  void suspensionStopsEveryWriteAndWorkloadAndResumeRestoresEveryCount() {
    String ns = "lc-suspend-app";
    try (KubernetesClient tenantAdmin = cluster.as("admin@lc-suspend.example");
        KubernetesClient helper = cluster.as("helper@lc-suspend.example");
        KubernetesClient auditor = cluster.as("auditor@lc-suspend.example")) {
      tenantAdmin.apps().deployments().inNamespace(ns).resource(replicas(Workloads.deployment("web", Map.of()), 3)).create();
      tenantAdmin.apps().statefulSets().inNamespace(ns).resource(new StatefulSetBuilder().withNewMetadata().withName("db")
          .endMetadata().withNewSpec().withReplicas(2).withServiceName("db").withNewSelector().addToMatchLabels("app", "db")
          .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
          .withSpec(Workloads.compliantSpec(Map.of())).endTemplate().endSpec().build()).create();
      tenantAdmin.apps().replicaSets().inNamespace(ns).resource(new ReplicaSetBuilder().withNewMetadata().withName("cache")
          .endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "cache").endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", "cache").endMetadata()
          .withSpec(Workloads.compliantSpec(Map.of())).endTemplate().endSpec().build()).create();
      for (boolean paused : new boolean[] {false, true}) {
        tenantAdmin.batch().v1().cronjobs().inNamespace(ns).resource(new CronJobBuilder().withNewMetadata()
            .withName(paused ? "paused" : "nightly").endMetadata().withNewSpec().withSchedule("0 2 * * *")
            .withSuspend(paused).withNewJobTemplate().withNewSpec().withNewTemplate()
            .withSpec(onFailure(Workloads.compliantSpec(Map.of()))).endTemplate().endSpec().endJobTemplate().endSpec()
            .build()).create();
      }
      tenantAdmin.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder().withNewMetadata().withName("once")
          .endMetadata().withNewSpec().withNewTemplate().withSpec(onFailure(Workloads.compliantSpec(Map.of())))
          .endTemplate().endSpec().build()).create();
      tenantAdmin.pods().inNamespace(ns).resource(Workloads.pod("standalone", Map.of())).create();
      // the tenant's admin grants a helper write access of its own: RBAC alone would let it write on
      tenantAdmin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder().withNewMetadata()
          .withName("helper-writes").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
          .withKind("ClusterRole").withName("tenantguard-developer").endRoleRef().addNewSubject()
          .withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("helper@lc-suspend.example").endSubject()
          .build()).create();

      Platform.apply(admin, tenant("lc-suspend", TWENTY_SECONDS, new Lifecycle(LifecycleState.Suspended, null, null)));

      await().atMost(Platform.PATIENCE).untilAsserted(() -> {
        assertThat(admin.apps().deployments().inNamespace(ns).withName("web").get()).satisfies(d -> {
          assertThat(d.getSpec().getReplicas()).isZero();
          assertThat(d.getMetadata().getAnnotations()).containsEntry("tenantguard.io/replicas-before-suspension", "3");
        });
        assertThat(admin.apps().statefulSets().inNamespace(ns).withName("db").get().getSpec().getReplicas()).isZero();
        assertThat(admin.apps().replicaSets().inNamespace(ns).withName("cache").get().getSpec().getReplicas()).isZero();
        assertThat(admin.batch().v1().cronjobs().inNamespace(ns).withName("nightly").get().getSpec().getSuspend()).isTrue();
        assertThat(admin.batch().v1().jobs().inNamespace(ns).withName("once").get().getSpec().getSuspend()).isTrue();
        assertThat(admin.pods().inNamespace(ns).withName("standalone").get()).as("a pod no controller owns: deleted").isNull();
      });
      Platform.awaitPhase(admin, "lc-suspend", TenantPhase.Suspended);

      Attacks.refused(Attacks.Rule.rbac("cannot create resource \"configmaps\""),
          () -> tenantAdmin.configMaps().inNamespace(ns).resource(configMap("notes")).create());
      Attacks.refused(Attacks.Rule.rbac("resource \"deployments/scale\""),
          () -> tenantAdmin.apps().deployments().inNamespace(ns).withName("web").scale(3));
      // what RBAC lets through, the frozen namespaces' policy refuses: writes, new pods, the scale back
      Attacks.refused(Attacks.Rule.policy(FrozenNamespaces.NAME, "lc-suspend, which is Suspended"),
          () -> helper.configMaps().inNamespace(ns).resource(configMap("notes")).create());
      Attacks.refused(Attacks.Rule.policy(FrozenNamespaces.NAME, "run no new pod"),
          () -> helper.pods().inNamespace(ns).resource(Workloads.pod("sneaky", Map.of())).create());
      Attacks.refused(Attacks.Rule.policy(FrozenNamespaces.NAME),
          () -> helper.apps().deployments().inNamespace(ns).withName("web").edit(d -> replicas(d, 3)));
      assertThat(tenantAdmin.secrets().inNamespace(ns).list().getItems()).as("viewing kept").isNotNull();
      assertThat(tenantAdmin.apps().deployments().inNamespace(ns).list().getItems()).hasSize(1);
      assertThat(auditor.rbac().roleBindings().inNamespace(ns).list().getItems()).isNotEmpty();

      Platform.apply(admin, tenant("lc-suspend", TWENTY_SECONDS, Lifecycle.ACTIVE));

      await().atMost(Platform.PATIENCE).untilAsserted(() -> {
        Deployment web = admin.apps().deployments().inNamespace(ns).withName("web").get();
        assertThat(web.getSpec().getReplicas()).isEqualTo(3);
        assertThat(web.getMetadata().getAnnotations()).doesNotContainKey("tenantguard.io/replicas-before-suspension");
        assertThat(admin.apps().statefulSets().inNamespace(ns).withName("db").get().getSpec().getReplicas()).isEqualTo(2);
        assertThat(admin.apps().replicaSets().inNamespace(ns).withName("cache").get().getSpec().getReplicas()).isEqualTo(1);
        assertThat(admin.batch().v1().cronjobs().inNamespace(ns).withName("nightly").get().getSpec().getSuspend()).isFalse();
        assertThat(admin.batch().v1().cronjobs().inNamespace(ns).withName("paused").get().getSpec().getSuspend())
            .as("suspended by the tenant before, suspended after").isTrue();
        assertThat(admin.batch().v1().jobs().inNamespace(ns).withName("once").get().getSpec().getSuspend()).isFalse();
      });
      await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThatCode(() ->
          tenantAdmin.configMaps().inNamespace(ns).resource(configMap("notes")).create()).doesNotThrowAnyException());
    }
    // its contract ends: destroyed while the others are tried, deleted with them at the end
    Platform.apply(admin, tenant("lc-suspend", TWENTY_SECONDS, new Lifecycle(LifecycleState.Terminated, null, null)));
  }

  @Test
  @Order(2)
  void terminationRevokesEveryAccessButReadOnlyRecoveryAndTheDeadlineSurvivesARestart() throws Exception {
    String ns = "lc-term-app";
    String uid = admin.namespaces().withName(ns).get().getMetadata().getUid();
    try (KubernetesClient tenantAdmin = cluster.as("admin@lc-term.example");
        KubernetesClient developer = cluster.as("dev@lc-term.example", "lc-term-developers");
        KubernetesClient helper = cluster.as("helper@lc-term.example")) {
      tenantAdmin.configMaps().inNamespace(ns).resource(configMap("records")).create();
      tenantAdmin.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("db-password")
          .endMetadata().addToStringData("password", "s3cret").build()).create();
      tenantAdmin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder().withNewMetadata()
          .withName("helper-reads").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
          .withKind("ClusterRole").withName("tenantguard-viewer").endRoleRef().addNewSubject()
          .withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("helper@lc-term.example").endSubject()
          .build()).create();
      tenantAdmin.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata()
          .withName("deployer").endMetadata().build()).create();
      tenantAdmin.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("deployer-token")
          .addToAnnotations("kubernetes.io/service-account.name", "deployer").endMetadata()
          .withType("kubernetes.io/service-account-token").build()).create();
      String token = await().atMost(Platform.PATIENCE).until(() -> {
        var secret = admin.secrets().inNamespace(ns).withName("deployer-token").get();
        return secret.getData() == null ? null : secret.getData().get("token");
      }, t -> t != null);
      try (KubernetesClient deployer = withToken(new String(java.util.Base64.getDecoder().decode(token)))) {
        assertThat(deployer.configMaps().inNamespace(ns).list().getItems()).isNotEmpty();
        assertThat(helper.configMaps().inNamespace(ns).list().getItems()).isNotEmpty();
        assertThat(developer.configMaps().inNamespace(ns).list().getItems()).isNotEmpty();

        Platform.apply(admin, tenant("lc-term", NINETY_SECONDS, new Lifecycle(LifecycleState.Terminated, null, null)));

        // the API server caches a token's authentication for 10 s
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          assertThat(admin.rbac().roleBindings().inNamespace(ns).withName("helper-reads").get()).isNull();
          assertThat(admin.secrets().inNamespace(ns).withName("deployer-token").get()).isNull();
          assertUnauthorized(() -> deployer.configMaps().inNamespace(ns).list());
          assertRefused(() -> helper.configMaps().inNamespace(ns).list(), "cannot list resource \"configmaps\"");
          assertRefused(() -> developer.configMaps().inNamespace(ns).list(), "cannot list resource \"configmaps\"");
        });
      }
      // the admins' recovery: every object read, Secrets included, nothing written
      assertThat(tenantAdmin.secrets().inNamespace(ns).withName("db-password").get().getData()).containsKey("password");
      assertThat(tenantAdmin.configMaps().inNamespace(ns).withName("records").get()).isNotNull();
      Attacks.refused(Attacks.Rule.rbac("cannot delete resource \"configmaps\""),
          () -> tenantAdmin.configMaps().inNamespace(ns).withName("records").delete());
      Attacks.refused(Attacks.Rule.rbac("cannot create resource \"rolebindings\""), () -> tenantAdmin.rbac()
          .roleBindings().inNamespace(ns).resource(new RoleBindingBuilder().withNewMetadata().withName("back-door")
          .endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
          .withKind("ClusterRole").withName("tenantguard-admin").endRoleRef().addNewSubject()
          .withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("admin@lc-term.example").endSubject()
          .build()).create());

      Tenant retained = Platform.awaitPhase(admin, "lc-term", TenantPhase.Retained);
      Deletion schedule = retained.getStatus().deletion();
      assertThat(Instant.parse(schedule.dataAccessibleUntil()))
          .isEqualTo(Instant.parse(schedule.terminatedAt()).plusSeconds(90));
      assertThat(schedule.retention()).isEqualTo("PT90S (classification " + NINETY_SECONDS + ")");
      assertThat(schedule.accessRevokedAt()).isNotNull();
      assertThat(Conditions.find(retained.getStatus().conditions(), StatusConditions.DELETION_SCHEDULED).getMessage())
          .contains("data accessible until " + schedule.dataAccessibleUntil());
      // nobody moves the deadline, cluster admins included, nor undoes the termination
      assertRefused(() -> platformAdmin.resources(Tenant.class).withName("lc-term")
          .editStatus(t -> withDeadline(t, schedule.terminatedAt())), "dataAccessibleUntil is written once and never changes");
      assertRefused(() -> Platform.apply(platformAdmin, tenant("lc-term", NINETY_SECONDS, Lifecycle.ACTIVE)),
          "a Terminated tenant cannot return to Active or Suspended");

      Path exported = folder.resolve("export");
      Jar.Result export = Jar.run(cluster.kubeconfig(), "export", "--tenant", "lc-term", "--output", exported.toString());
      assertThat(export.exit()).as(export.err()).isZero();
      assertThat(exported.resolve(ns).resolve("secrets").resolve("db-password.yaml")).exists();
      assertThat(Files.readString(exported.resolve(ns).resolve("configmaps").resolve("records.yaml"))).contains("records");

      // an admin's mistake on the published public key: the restarted operator publishes its own again
      Map<String, String> published = publishedKeyMap().get().getData();
      publishedKeyMap().edit(c -> {
        c.getData().put(SigningKey.PUBLIC_KEY_PEM, "not the operator's key");
        return c;
      });
      cluster.stopOperator();
      cluster.operator();
      await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(publishedKeyMap().get().getData()).isEqualTo(published));
      await().atMost(Platform.PATIENCE).untilAsserted(() -> {
        Deletion afterRestart = admin.resources(Tenant.class).withName("lc-term").get().getStatus().deletion();
        assertThat(afterRestart.terminatedAt()).isEqualTo(schedule.terminatedAt());
        assertThat(afterRestart.dataAccessibleUntil()).isEqualTo(schedule.dataAccessibleUntil());
      });

      Tenant destroyed = awaitPhase("lc-term", TenantPhase.Destroyed, DESTRUCTION);
      assertThat(admin.namespaces().withName(ns).get()).isNull();
      DestructionCertificate certificate = admin.resources(DestructionCertificate.class)
          .withName(destroyed.getStatus().deletion().certificate()).get();
      assertThat(Instant.parse(certificate.getSpec().destructionStartedAt()))
          .as("not destroyed before its deadline, restart or not").isAfterOrEqualTo(Instant.parse(schedule.dataAccessibleUntil()));
      assertThat(certificate.getSpec().namespaces()).singleElement().satisfies(destroyedNs -> {
        assertThat(destroyedNs.uid()).isEqualTo(uid);
        assertThat(destroyedNs.objectCounts()).containsEntry("secrets", 1L).containsEntry("configmaps", 2L)
            .containsEntry("serviceaccounts", 2L);
      });
      assertThat(certificate.getSpec().verification()).contains("namespace " + ns + " (uid " + uid + "): not found");
      assertThat(CertificateSeal.problems(admin.getKubernetesSerialization().convertValue(certificate.getSpec(),
          JsonNode.class), publishedKey())).isEmpty();
      await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(Conditions.isTrue(admin.resources(
          DestructionCertificate.class).withName(certificate.getMetadata().getName()).get().getStatus().conditions(),
          "Verified")).isTrue());

      certificateRefusesEveryWayToChangeOrDeleteIt(certificate.getMetadata().getName());
      aCopyVerifiesOfflineAndATamperedOneNamesTheFieldThatBroke(certificate.getMetadata().getName());

      platformAdmin.resources(Tenant.class).withName("lc-term").delete();
      await().atMost(Platform.PATIENCE).until(() -> admin.resources(Tenant.class).withName("lc-term").get() == null);
      assertThat(admin.resources(DestructionCertificate.class).withName(certificate.getMetadata().getName()).get())
          .as("the certificate outlives its tenant").isNotNull();
    }
  }

  private void certificateRefusesEveryWayToChangeOrDeleteIt(String name) {
    var certificate = platformAdmin.resources(DestructionCertificate.class).withName(name);
    DestructionCertificate forged = admin.resources(DestructionCertificate.class).withName(name).get();
    forged.setMetadata(new ObjectMetaBuilder().withName("forged-proof").build());
    assertRefused(() -> platformAdmin.resource(forged).create(),
        "ValidatingAdmissionPolicy '" + CertificateProtection.NAME + "'", "written by tenantguard alone");
    assertRefused(() -> certificate.edit(c -> {
      c.getSpec().namespaces().get(0).objectCounts().put("secrets", 0L);
      return c;
    }), "a DestructionCertificate is immutable once written");
    assertRefused(certificate::delete, "ValidatingAdmissionPolicy '" + CertificateProtection.NAME + "'",
        "it is kept until its retainUntil");
    assertRefused(() -> certificate.edit(c -> {
      c.getMetadata().setFinalizers(List.of());
      return c;
    }), "ValidatingAdmissionPolicy '" + CertificateProtection.NAME + "'", "only tenantguard removes it");
    assertRefused(() -> platformAdmin.apiextensions().v1().customResourceDefinitions()
        .withName(CertificateProtection.CRD).delete(), "ValidatingAdmissionPolicy '" + CertificateProtection.NAME + "'",
        "would delete every certificate");
    assertThat(admin.resources(DestructionCertificate.class).withName(name).get().getMetadata().getDeletionTimestamp())
        .isNull();
  }

  private void aCopyVerifiesOfflineAndATamperedOneNamesTheFieldThatBroke(String name) throws Exception {
    Jar.Result printed = Jar.run(cluster.kubeconfig(), "certificate", name, "--format", "json");
    assertThat(printed.exit()).as(printed.err()).isZero();
    Path copy = Files.writeString(folder.resolve("certificate.json"), printed.out());
    Path key = Files.writeString(folder.resolve("provider-key.pem"), SigningKey.pem(publishedKey()));

    Jar.Result valid = Jar.run(cluster.kubeconfig(), "verify-certificate", copy.toString(), "--public-key", key.toString());
    assertThat(valid.exit()).as(valid.err()).isZero();
    assertThat(valid.out()).startsWith("valid: DestructionCertificate " + name + " of tenant lc-term");

    ObjectNode tampered = (ObjectNode) admin.getKubernetesSerialization().unmarshal(printed.out(), JsonNode.class);
    ((ObjectNode) tampered.path("spec").path("namespaces").get(0).path("objectCounts")).put("secrets", 0);
    Path forged = Files.writeString(folder.resolve("tampered.json"), tampered.toString());
    Jar.Result invalid = Jar.run(cluster.kubeconfig(), "verify-certificate", forged.toString(), "--public-key",
        key.toString());
    assertThat(invalid.exit()).isEqualTo(1);
    assertThat(invalid.err()).contains("INVALID").contains("spec.namespaces was changed after signing");

    Jar.Result markdown = Jar.run(cluster.kubeconfig(), "certificate", name, "--format", "markdown");
    assertThat(markdown.out()).startsWith("# Certificate of destruction: lc-term").contains("| lc-term-app |");
  }

  @Test
  @Order(3)
  void aTenantUnderLegalHoldIsUntouchedPastItsDeadlineAndDestroyedOnceTheHoldIsLifted() {
    Tenant held = admin.resources(Tenant.class).withName("lc-hold").get();
    Instant deadline = Instant.parse(held.getStatus().deletion().dataAccessibleUntil());
    await().atMost(Platform.PATIENCE).until(() -> Instant.now().isAfter(deadline.plusSeconds(10)));

    held = admin.resources(Tenant.class).withName("lc-hold").get();
    assertThat(held.getStatus().phase()).isEqualTo(TenantPhase.Retained);
    assertThat(admin.namespaces().withName("lc-hold-app").get().getMetadata().getDeletionTimestamp()).isNull();
    assertThat(held.getStatus().deletion().destructionStartedAt()).isNull();
    var lifecycle = Conditions.find(held.getStatus().conditions(), StatusConditions.LIFECYCLE_ENFORCED);
    assertThat(lifecycle.getReason()).isEqualTo(LifecycleCapability.LEGAL_HOLD);
    assertThat(lifecycle.getMessage()).contains("court order 2026-117").contains("lifting the hold destroys the data at once");
    assertThat(admin.rbac().roleBindings().inNamespace("lc-hold-app").list().getItems())
        .as("recovery access ended at the deadline").isEmpty();

    Platform.apply(admin, tenant("lc-hold", TWENTY_SECONDS, new Lifecycle(LifecycleState.Terminated, null, null)));

    Tenant destroyed = awaitPhase("lc-hold", TenantPhase.Destroyed, DESTRUCTION);
    assertThat(admin.namespaces().withName("lc-hold-app").get()).isNull();
    assertThat(destroyed.getStatus().deletion().certificate()).isNotNull();
  }

  @Test
  @Order(4)
  void aVolumeKeptByRetainBlocksCertificationUntilAnAdministratorDeletesIt() {
    await().atMost(DESTRUCTION).until(() -> admin.namespaces().withName("lc-volume-app").get() == null);
    await().atMost(Platform.PATIENCE).untilAsserted(() -> {
      Tenant blocked = admin.resources(Tenant.class).withName("lc-volume").get();
      assertThat(blocked.getStatus().phase()).isEqualTo(TenantPhase.Destroying);
      assertThat(Conditions.find(blocked.getStatus().conditions(), StatusConditions.LIFECYCLE_ENFORCED).getMessage())
          .contains("PersistentVolume lc-volume-data (reclaim policy Retain").contains("still holds the data");
    });
    assertRefused(() -> platformAdmin.resources(Tenant.class).withName("lc-volume").delete(),
        "still holds the data of namespaces lc-volume-app");
    Tenant blocked = admin.resources(Tenant.class).withName("lc-volume").get();
    assertThat(blocked.getStatus().deletion().certificate()).isNull();
    assertThat(admin.resources(DestructionCertificate.class).withLabel("tenantguard.io/destroyed-tenant", "lc-volume")
        .list().getItems()).as("never certified while a volume holds data").isEmpty();

    platformAdmin.persistentVolumes().withName("lc-volume-data").delete();

    Tenant destroyed = awaitPhase("lc-volume", TenantPhase.Destroyed, DESTRUCTION);
    DestructionCertificate certificate = admin.resources(DestructionCertificate.class)
        .withName(destroyed.getStatus().deletion().certificate()).get();
    assertThat(certificate.getSpec().persistentVolumes()).singleElement().satisfies(volume -> {
      assertThat(volume.name()).isEqualTo("lc-volume-data");
      assertThat(volume.reclaimPolicy()).isEqualTo("Retain");
      assertThat(volume.storageClass()).isEqualTo("encrypted-de");
      assertThat(volume.claim()).isEqualTo("lc-volume-app/data");
    });
    assertThat(certificate.getSpec().method()).anyMatch(m -> m.contains("lc-volume-data (reclaim policy Retain)"));
  }

  @Test
  @Order(5)
  void destroyedTenantsMayBeDeletedTheirCertificatesArePrunedAfterTheirRetainUntilAndTheirCrdCanThenGo() {
    for (String name : List.of("lc-suspend", "lc-hold", "lc-volume")) {
      awaitPhase(name, TenantPhase.Destroyed, DESTRUCTION);
      platformAdmin.resources(Tenant.class).withName(name).delete();
    }
    await().atMost(Platform.PATIENCE).until(() -> admin.resources(Tenant.class).list().getItems().stream()
        .noneMatch(t -> t.getMetadata().getName().startsWith("lc-")));
    await().atMost(Duration.ofSeconds(180)).until(() -> admin.resources(DestructionCertificate.class).list().getItems()
        .stream().noneMatch(c -> c.getSpec().tenant().startsWith("lc-")));
    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(admin.apiextensions().v1()
        .customResourceDefinitions().withName(CertificateProtection.CRD).get().getMetadata().getLabels())
        .doesNotContainKey(CertificateProtection.HELD_LABEL));
  }

  /** A PersistentVolume of reclaim policy Retain, bound by hand to a claim of the namespace (no CSI driver here). */
  private void retainedVolume(String namespace) {
    admin.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName("lc-volume-data")
        .endMetadata().withNewSpec().withCapacity(Map.of("storage", new Quantity("1Gi")))
        .withAccessModes("ReadWriteOnce").withPersistentVolumeReclaimPolicy("Retain").withStorageClassName("encrypted-de")
        .withNewCsi().withDriver("csi.block.example.cloud").withVolumeHandle("vol-lc-volume").endCsi()
        .withNewClaimRef().withNamespace(namespace).withName("data").endClaimRef().endSpec().build()).create();
    admin.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
        .withName("data").endMetadata().withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("encrypted-de")
        .withVolumeName("lc-volume-data").withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
        .endSpec().build()).create();
    await().atMost(Platform.PATIENCE).until(() -> "Bound".equals(
        admin.persistentVolumes().withName("lc-volume-data").get().getStatus().getPhase()));
  }

  private java.security.PublicKey publishedKey() {
    return SigningKey.readPem(publishedKeyMap().get().getData().get(SigningKey.PUBLIC_KEY_PEM));
  }

  private Resource<ConfigMap> publishedKeyMap() {
    return admin.configMaps().inNamespace(RealCluster.OPERATOR_NAMESPACE).withName(SigningKey.NAME);
  }

  private Tenant awaitPhase(String name, TenantPhase phase, Duration patience) {
    await().atMost(patience).untilAsserted(() -> assertThat(admin.resources(Tenant.class).withName(name).get()
        .getStatus().phase()).as(name).isEqualTo(phase));
    return admin.resources(Tenant.class).withName(name).get();
  }

  /**
   * A client that authenticates with a bearer token, over HTTP/1.1: over HTTP/2 the API server
   * follows its 401 with a GOAWAY (its mitigation against unauthenticated clients), which the JDK
   * client reports as a closed connection rather than the 401 a user sees.
   */
  private KubernetesClient withToken(String token) {
    Config config = new ConfigBuilder().withMasterUrl(cluster.adminConfig().getMasterUrl())
        .withCaCertData(cluster.adminConfig().getCaCertData()).withOauthToken(token).withHttp2Disable(true).build();
    return Clients.create(config);
  }

  private static Tenant withDeadline(Tenant tenant, String earlier) {
    Deletion d = tenant.getStatus().deletion();
    Tenant edited = new Tenant();
    edited.setMetadata(tenant.getMetadata());
    edited.setSpec(tenant.getSpec());
    edited.setStatus(new io.tenantguard.api.v1alpha1.tenant.TenantStatus(tenant.getStatus().phase(),
        tenant.getStatus().observedGeneration(), tenant.getStatus().conditions(), tenant.getStatus().namespaces(),
        tenant.getStatus().regions(), tenant.getStatus().hostingCountries(), tenant.getStatus().hostingCentres(),
        tenant.getStatus().controls(), tenant.getStatus().appliedDigest(), tenant.getStatus().accessDigest(),
        tenant.getStatus().storageClasses(),
        new Deletion(d.terminatedAt(), d.retention(), earlier, d.accessRevokedAt(), d.destructionStartedAt(),
            d.namespaces(), d.persistentVolumes(), d.destroyedAt(), d.certificate())));
    return edited;
  }

  private static DataClassification classification(String name, String retention) {
    DataClassification classification = new DataClassification();
    classification.setMetadata(new ObjectMetaBuilder().withName(name).build());
    classification.setSpec(new DataClassificationSpec("Test data with a retention of " + retention, null,
        new Retention(retention, "PT90S", true)));
    return classification;
  }

  private static Tenant tenant(String name, String classification, Lifecycle lifecycle) {
    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    String ns = name + "-app";
    tenant.setSpec(new TenantSpec(name, List.of(Certification.ISO27001),
        List.of(new Contact("Manager", "manager@" + name + ".example", "manager")),
        List.of(new TenantNamespace(ns, "de-frankfurt", classification, null)),
        List.of(new AccessGrant(new Subject(SubjectKind.User, "admin@" + name + ".example", null), TenantRole.admin),
            new AccessGrant(new Subject(SubjectKind.Group, name + "-developers", null), TenantRole.developer),
            new AccessGrant(new Subject(SubjectKind.ServiceAccount, "deployer", ns), TenantRole.developer),
            new AccessGrant(new Subject(SubjectKind.User, "auditor@" + name + ".example", null), TenantRole.auditor)),
        null, null, null, null, lifecycle));
    return tenant;
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T replicas(T workload, int count) {
    if (workload instanceof Deployment deployment) {
      deployment.getSpec().setReplicas(count);
    }
    return workload;
  }

  private static io.fabric8.kubernetes.api.model.PodSpec onFailure(io.fabric8.kubernetes.api.model.PodSpec spec) {
    spec.setRestartPolicy("OnFailure");
    return spec;
  }

  private static io.fabric8.kubernetes.api.model.ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("note", name).build();
  }

  /** Refused by the API server, with a message that says by what: every one of {@code parts}. */
  private static void assertRefused(ThrowingCallable call, String... parts) {
    assertThatThrownBy(call).isInstanceOf(KubernetesClientException.class).satisfies(e -> {
      for (String part : parts) {
        assertThat(e.getMessage()).contains(part);
      }
    });
  }

  /** The API server no longer authenticates the caller: 401, wherever the client wraps it. */
  private static void assertUnauthorized(ThrowingCallable call) {
    assertThatThrownBy(call).satisfies(e -> {
      StringBuilder chain = new StringBuilder();
      boolean unauthorized = false;
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        chain.append(cause).append(" <- ");
        unauthorized |= cause instanceof KubernetesClientException k && k.getCode() == 401;
      }
      assertThat(unauthorized).as(chain.toString()).isTrue();
    });
  }

  /** tenantguard.jar, run as a user runs it. */
  private static final class Jar {
    record Result(int exit, String out, String err) {}

    static Result run(Path kubeconfig, String... args) throws IOException, InterruptedException {
      Path jar = E2e.repoRoot().resolve("operator/target/tenantguard.jar");
      List<String> command = new java.util.ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      Path out = Files.createTempFile("tenantguard-out", ".txt");
      Path err = Files.createTempFile("tenantguard-err", ".txt");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("tenantguard.jar " + String.join(" ", args) + " did not finish in 2 minutes");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
  }
}
