package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Encryption;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.api.v1alpha1.tenant.RegionKey;
import io.tenantguard.api.v1alpha1.tenant.StorageClassState;
import io.tenantguard.api.v1alpha1.tenant.StorageClassStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.encryption.EncryptedVolumesPolicy;
import io.tenantguard.encryption.EncryptionCapability;
import io.tenantguard.encryption.IngressTlsPolicy;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.testing.TenantEdits;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Encryption with the client's keys (SNC 10.1, 10.2; HDS 4.4.6.6, 4.4.6.14) on the real control
 * plane, tried by the tenants' own users: in the example platform, horizon-records holds health
 * data (encryption at rest and in transit required) and lumiere-web public data. There is no CSI
 * driver: claims are admitted or refused, never bound. What is admitted is tried as a server-side
 * dry run, so that nothing is left behind, except where a test needs a claim to exist.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncryptionTest {
  private static final String HEALTH = "horizon-records";
  private static final String PUBLIC = "lumiere-web";
  private static final Map<String, String> PARIS = Map.of("topology.kubernetes.io/region", "fr-paris");
  private static final String AT_REST = "requires encryption at rest with the tenant's key";
  private static final String IN_TRANSIT = "namespace horizon-records (classification health) requires encryption in transit";

  private RealCluster.Cluster cluster;
  private KubernetesClient admin;
  private KubernetesClient developer;
  private KubernetesClient clinicAdmin;
  private KubernetesClient mediaAdmin;
  private String clinicClass;
  private final List<KubernetesClient> opened = new java.util.ArrayList<>();
  private String mediaClass;

  @BeforeAll
  void platform(RealCluster.Cluster cluster) {
    this.cluster = cluster;
    admin = Platform.examplesProvisioned(cluster);
    developer = cluster.as("dev@clinique-horizon.example", "horizon-developers");
    clinicAdmin = cluster.as("claire.martin@clinique-horizon.example");
    mediaAdmin = cluster.as("hugo.bernard@lumiere-media.example");
    clinicClass = currentClass("clinique-horizon", "fr-paris");
    mediaClass = currentClass("lumiere-media", "de-frankfurt");
  }

  @AfterAll
  void closeClients() {
    developer.close();
    clinicAdmin.close();
    mediaAdmin.close();
    opened.forEach(KubernetesClient::close);
  }

  // --- the tenant's classes ------------------------------------------------------------------------

  @Test
  void eachTenantHasAnEncryptedClassOnItsOwnKeyInEachRegionWithStorage() {
    StorageClass paris = admin.storage().v1().storageClasses().withName(clinicClass).get();
    assertThat(paris.getProvisioner()).isEqualTo("csi.block.example.cloud");
    assertThat(paris.getParameters()).containsEntry("encrypted", "true")
        .containsEntry("kmsKeyId", "arn:kms:fr-paris:key/clinique-horizon-2026");
    assertThat(paris.getVolumeBindingMode()).isEqualTo("WaitForFirstConsumer");
    assertThat(paris.getAllowedTopologies().get(0).getMatchLabelExpressions().get(0).getValues())
        .containsExactly("fr-par-1", "fr-par-2", "fr-par-3");
    assertThat(admin.storage().v1().storageClasses().withName(mediaClass).get().getParameters())
        .containsEntry("kmsKeyId", "arn:kms:de-frankfurt:key/lumiere-media-web");
    Tenant media = admin.resources(Tenant.class).withName("lumiere-media").get();
    assertThat(media.getStatus().storageClasses()).extracting(StorageClassStatus::region)
        .as("us-east offers no encrypted storage").containsExactly("de-frankfurt");
    Tenant clinic = admin.resources(Tenant.class).withName("clinique-horizon").get();
    var enforced = Conditions.find(clinic.getStatus().conditions(), StatusConditions.ENCRYPTION_ENFORCED);
    assertThat(enforced.getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(enforced.getMessage()).contains(clinicClass + " (region fr-paris, key arn:kms:fr-paris:key/clinique-horizon-2026)")
        .contains("TLS between them (a service mesh or the application itself) is the client's duty");
  }

  @Test
  void tenantsCannotTouchStorageClassesAndADeletedOneComesBack() {
    Attacks.refused(Attacks.Rule.rbac("cannot delete resource \"storageclasses\""),
        () -> clinicAdmin.storage().v1().storageClasses().withName(clinicClass).delete());
    Attacks.refused(Attacks.Rule.rbac("cannot create resource \"storageclasses\""),
        () -> clinicAdmin.storage().v1().storageClasses().resource(plainClass("mine", false)).create());

    admin.storage().v1().storageClasses().withName(clinicClass).delete();

    await().atMost(Platform.PATIENCE).untilAsserted(() -> {
      StorageClass back = admin.storage().v1().storageClasses().withName(clinicClass).get();
      assertThat(back).isNotNull();
      assertThat(back.getMetadata().getDeletionTimestamp()).isNull();
    });
    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(admin.v1().events().inNamespace("default").list()
        .getItems()).anyMatch(e -> "DriftReverted".equals(e.getReason()) && e.getMessage().contains(clinicClass)));
  }

  // --- at rest, at admission -----------------------------------------------------------------------

  @Test
  void aClaimWithNoClassOrAnEmptyOneIsRefusedInAHealthNamespaceWithTheAllowedClass() {
    assertRefused(() -> claim(developer, HEALTH, "no-class", null), EncryptedVolumesPolicy.NAME,
        "PersistentVolumeClaim no-class: the storageClassName is missing (the cluster's default class is not encrypted"
            + " with the tenant's key): namespace horizon-records (classification health) " + AT_REST,
        "allowed classes: " + clinicClass);
    assertRefused(() -> claim(developer, HEALTH, "static", ""), EncryptedVolumesPolicy.NAME,
        "PersistentVolumeClaim static: the storageClassName is \"\" (a volume bound by hand",
        "allowed classes: " + clinicClass);
  }

  @Test
  void theClustersDefaultClassIsRefusedInAHealthNamespace() {
    admin.storage().v1().storageClasses().resource(plainClass("plain-default", true)).create();
    try {
      assertRefused(() -> claim(developer, HEALTH, "defaulted", null), EncryptedVolumesPolicy.NAME,
          "the storageClassName is plain-default: namespace horizon-records", "allowed classes: " + clinicClass);
      assertRefused(() -> claim(developer, HEALTH, "plain", "plain-default"), EncryptedVolumesPolicy.NAME,
          "the storageClassName is plain-default", "allowed classes: " + clinicClass);
      assertThatCode(() -> claim(mediaAdmin, PUBLIC, "defaulted", null)).as("public data may use the default")
          .doesNotThrowAnyException();
    } finally {
      admin.storage().v1().storageClasses().withName("plain-default").delete();
    }
  }

  @Test
  void anotherTenantsClassIsRefusedInAHealthNamespaceAndTheTenantsOwnIsAdmitted() {
    assertRefused(() -> claim(developer, HEALTH, "borrowed", mediaClass), EncryptedVolumesPolicy.NAME,
        "the storageClassName is " + mediaClass + ", a class of another tenant or region", "allowed classes: " + clinicClass);
    assertThatCode(() -> claim(developer, HEALTH, "records", clinicClass)).doesNotThrowAnyException();
  }

  @Test
  void anotherTenantsClassIsRefusedEvenInAPublicNamespace() {
    assertRefused(() -> claim(mediaAdmin, PUBLIC, "borrowed", clinicClass), EncryptedVolumesPolicy.NAME,
        "PersistentVolumeClaim borrowed: the storageClassName is " + clinicClass + ", a class of another tenant or region:"
            + " another tenant's or region's class is refused in every tenant namespace; allowed classes: " + mediaClass);
    assertThatCode(() -> claim(mediaAdmin, PUBLIC, "plain", "standard")).doesNotThrowAnyException();
    assertThatCode(() -> claim(mediaAdmin, PUBLIC, "own", mediaClass)).doesNotThrowAnyException();
  }

  @Test
  void aClaimMadeWithoutClassCannotBeMovedToAnotherTenantsClassLater() {
    mediaAdmin.resource(claimObject(PUBLIC, "late", null)).create();
    try {
      assertRefused(() -> mediaAdmin.persistentVolumeClaims().inNamespace(PUBLIC).withName("late").dryRun()
              .edit(c -> new PersistentVolumeClaimBuilder(c).editSpec().withStorageClassName(clinicClass).endSpec().build()),
          EncryptedVolumesPolicy.NAME, "PersistentVolumeClaim late: the storageClassName is " + clinicClass);
    } finally {
      deleteClaim(PUBLIC, "late");
    }
  }

  @Test
  void theBetaAnnotationCannotNameAnotherClassThanTheSpec() {
    PersistentVolumeClaim twoClasses = new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("two-classes").withNamespace(HEALTH)
        .addToAnnotations("volume.beta.kubernetes.io/storage-class", mediaClass).endMetadata()
        .withSpec(claimSpec(clinicClass))
        .build();

    assertRefused(() -> developer.resource(twoClasses).dryRun().create(), EncryptedVolumesPolicy.NAME,
        "the annotation volume.beta.kubernetes.io/storage-class is " + mediaClass);
  }

  @Test
  void aStatefulSetWhoseClaimTemplateNamesAPlainClassIsRefused() {
    assertRefused(() -> statefulSet("db", "plain"), EncryptedVolumesPolicy.NAME,
        "StatefulSet db: the storageClassName of volumeClaimTemplate data is plain: namespace horizon-records"
            + " (classification health) " + AT_REST, "allowed classes: " + clinicClass);
    assertThatCode(() -> statefulSet("db", clinicClass)).doesNotThrowAnyException();
  }

  @Test
  void genericEphemeralVolumesAreCheckedInPodsAndEveryWorkloadsTemplate() {
    UnaryOperator<PodSpec> plainScratch = spec -> withVolume(spec, new VolumeBuilder().withName("scratch")
        .withNewEphemeral().withNewVolumeClaimTemplate().withSpec(claimSpec("plain")).endVolumeClaimTemplate()
        .endEphemeral().build());
    String refused = "the storageClassName of ephemeral volume scratch is plain: namespace horizon-records";

    assertRefused(() -> developer.resource(Workloads.pod("scratchy", PARIS, plainScratch)).inNamespace(HEALTH)
        .dryRun().create(), EncryptedVolumesPolicy.NAME, "Pod scratchy: " + refused);
    var deployment = Workloads.deployment("scratchy", PARIS);
    plainScratch.apply(deployment.getSpec().getTemplate().getSpec());
    assertRefused(() -> developer.resource(deployment).inNamespace(HEALTH).dryRun().create(),
        EncryptedVolumesPolicy.NAME, "Deployment scratchy: " + refused);
    var job = new JobBuilder().withNewMetadata().withName("scratchy").endMetadata().withNewSpec().withNewTemplate()
        .withSpec(plainScratch.apply(restartNever(Workloads.compliantSpec(PARIS)))).endTemplate().endSpec().build();
    assertRefused(() -> developer.resource(job).inNamespace(HEALTH).dryRun().create(),
        EncryptedVolumesPolicy.NAME, "Job scratchy: " + refused);
    var cronJob = new CronJobBuilder().withNewMetadata().withName("scratchy").endMetadata().withNewSpec()
        .withSchedule("0 3 * * *").withNewJobTemplate().withSpec(job.getSpec()).endJobTemplate().endSpec().build();
    assertRefused(() -> developer.resource(cronJob).inNamespace(HEALTH).dryRun().create(),
        EncryptedVolumesPolicy.NAME, "CronJob scratchy: " + refused);

    UnaryOperator<PodSpec> ownScratch = spec -> withVolume(spec, new VolumeBuilder().withName("scratch")
        .withNewEphemeral().withNewVolumeClaimTemplate().withSpec(claimSpec(clinicClass)).endVolumeClaimTemplate()
        .endEphemeral().build());
    assertThatCode(() -> developer.resource(Workloads.pod("scratchy", PARIS, ownScratch)).inNamespace(HEALTH).dryRun()
        .create()).doesNotThrowAnyException();
  }

  @Test
  void aWritableInlineCsiVolumeIsRefusedWhereEncryptionAtRestIsRequired() {
    Consumer<Boolean> inline = readOnly -> developer.resource(Workloads.pod("inline", PARIS, spec -> withVolume(spec,
            new VolumeBuilder().withName("data").withNewCsi().withDriver("csi.block.example.cloud").withReadOnly(readOnly)
                .endCsi().build())))
        .inNamespace(HEALTH).dryRun().create();

    assertRefused(() -> inline.accept(false), EncryptedVolumesPolicy.NAME,
        "Pod inline: inline CSI volume data is writable: namespace horizon-records requires encryption at rest");
    assertThatCode(() -> inline.accept(true)).as("a read-only one, such as a secrets store").doesNotThrowAnyException();
  }

  // --- in transit ----------------------------------------------------------------------------------

  @Test
  void anIngressWithoutTlsForEveryHostIsRefusedInAHealthNamespaceAndAdmittedInAPublicOne() {
    assertRefused(() -> ingress(developer, HEALTH, i -> i), IngressTlsPolicy.NAME,
        "Ingress portal: no spec.tls entry covers portal.clinique-horizon.example, api.clinique-horizon.example",
        IN_TRANSIT);
    assertRefused(() -> ingress(developer, HEALTH, i -> i.editSpec().addNewTl()
            .withHosts("portal.clinique-horizon.example").withSecretName("portal-tls").endTl().endSpec()),
        IngressTlsPolicy.NAME, "no spec.tls entry covers api.clinique-horizon.example (list each host");
    assertRefused(() -> ingress(developer, HEALTH, i -> withRule(withTls(i), null)),
        IngressTlsPolicy.NAME, "Ingress portal: a rule without host is refused: " + IN_TRANSIT);
    assertRefused(() -> ingress(developer, HEALTH, i -> withTls(i).editSpec().withNewDefaultBackend().withNewService()
            .withName("portal").withNewPort().withNumber(8443).endPort().endService().endDefaultBackend().endSpec()),
        IngressTlsPolicy.NAME, "Ingress portal: spec.defaultBackend is refused");
    assertRefused(() -> ingress(developer, HEALTH, i -> withTls(i).editMetadata()
            .addToAnnotations("nginx.ingress.kubernetes.io/ssl-redirect", "false").endMetadata()),
        IngressTlsPolicy.NAME, "annotation nginx.ingress.kubernetes.io/ssl-redirect: \"false\" serves the hosts over plain"
            + " HTTP too");

    assertThatCode(() -> ingress(developer, HEALTH, EncryptionTest::withTls)).doesNotThrowAnyException();
    assertThatCode(() -> ingress(mediaAdmin, PUBLIC, i -> withRule(i, null))).as("public data needs no TLS")
        .doesNotThrowAnyException();
  }

  // --- refusals ------------------------------------------------------------------------------------

  @Test
  void healthDataWithoutAKeyForItsRegionOrInARegionWithoutEncryptedStorageIsRefused() {
    Region lyon = Serialization.unmarshal("""
        apiVersion: tenantguard.io/v1alpha1
        kind: Region
        metadata: {name: enc-lyon}
        spec:
          country: FR
          jurisdiction: EU
          certifications: [ISO27001, HDS]
          nodeSelector: {topology.kubernetes.io/region: enc-lyon}
        """, Region.class);
    Platform.apply(admin, lyon);
    Tenant tenant = TenantEdits.encryption(Tenants.tenant("enc-refused", List.of(Certification.HDS),
            Tenants.namespace("enc-refused-paris", "fr-paris", "health"),
            Tenants.namespace("enc-refused-lyon", "enc-lyon", "health"),
            Tenants.namespace("enc-refused-web", "fr-paris", "public")),
        new Encryption(null, null, List.of(new RegionKey("de-frankfurt", "kms:frankfurt-only", null))));
    Platform.apply(admin, tenant);

    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(states("enc-refused"))
        .containsExactly(NamespaceState.Refused, NamespaceState.Refused, NamespaceState.Provisioned));
    List<NamespaceStatus> namespaces = admin.resources(Tenant.class).withName("enc-refused").get().getStatus().namespaces();
    assertThat(namespaces.get(0).message()).isEqualTo("namespace enc-refused-paris: classification health requires"
        + " encryption at rest, and the tenant has no key for region fr-paris: set spec.encryption.keyRef, or add"
        + " {region: fr-paris, keyRef: ...} to spec.encryption.keys");
    assertThat(namespaces.get(1).message()).isEqualTo("namespace enc-refused-lyon: classification health requires"
        + " encryption at rest, and region enc-lyon offers no encrypted storage: a platform admin sets the Region's"
        + " spec.storage (provisioner, parameters, keyParameter)");
    assertThat(admin.namespaces().withName("enc-refused-paris").get()).isNull();
    Tenant refused = admin.resources(Tenant.class).withName("enc-refused").get();
    var encryption = Conditions.find(refused.getStatus().conditions(), StatusConditions.ENCRYPTION_ENFORCED);
    assertThat(encryption.getStatus()).isEqualTo(Conditions.FALSE);
    assertThat(encryption.getReason()).isEqualTo(EncryptionCapability.NO_ENCRYPTED_STORAGE);
    assertThat(Conditions.find(refused.getStatus().conditions(), StatusConditions.REGION_PINNED).getStatus())
        .as("placement is not what failed").isEqualTo(Conditions.TRUE);
  }

  @Test
  void aTenantThatDropsItsKeyKeepsItsNamespaceViolatedAndItsClaimsFindNoClass() {
    Platform.apply(admin, Tenants.tenant("enc-dropped", List.of(Certification.HDS),
        Tenants.namespace("enc-dropped-records", "fr-paris", "health")));
    Platform.awaitProvisioned(admin, "enc-dropped");
    KubernetesClient tenantAdmin = admin("enc-dropped");

    admin.resources(Tenant.class).withName("enc-dropped").edit(t -> TenantEdits.encryption(t, null));

    await().atMost(Platform.PATIENCE).untilAsserted(() -> {
      assertThat(states("enc-dropped")).containsExactly(NamespaceState.Violated);
      assertThat(admin.resources(Tenant.class).withName("enc-dropped").get().getStatus().storageClasses()).isEmpty();
    });
    assertThat(admin.namespaces().withName("enc-dropped-records").get().getMetadata().getDeletionTimestamp()).isNull();
    assertRefused(() -> claim(tenantAdmin, "enc-dropped-records", "data", "anything"), EncryptedVolumesPolicy.NAME,
        "the tenant has no encrypted class in region fr-paris (its Tenant's status says why)");
  }

  // --- rotation ------------------------------------------------------------------------------------

  @Test
  void aNewKeyMakesANewClassAndLeavesTheClaimsClassInPlaceUntilNoClaimUsesIt() {
    OffsetDateTime longAgo = OffsetDateTime.now().minusYears(2);
    Platform.apply(admin, TenantEdits.encryption(Tenants.tenant("enc-rotate", List.of(Certification.HDS),
        Tenants.namespace("enc-rotate-records", "fr-paris", "health")), new Encryption("kms:key/2024", longAgo, null)));
    Platform.awaitProvisioned(admin, "enc-rotate");
    String first = currentClass("enc-rotate", "fr-paris");
    var reminder = Conditions.find(admin.resources(Tenant.class).withName("enc-rotate").get().getStatus().conditions(),
        StatusConditions.KEY_ROTATION_DUE);
    assertThat(reminder.getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(reminder.getMessage()).contains("key kms:key/2024 of region fr-paris was rotated on")
        .contains("more than the P1Y classification health asks");
    KubernetesClient tenantAdmin = admin("enc-rotate");
    tenantAdmin.resource(claimObject("enc-rotate-records", "records", first)).create();

    admin.resources(Tenant.class).withName("enc-rotate")
        .edit(t -> TenantEdits.encryption(t, new Encryption("kms:key/2026", OffsetDateTime.now(), null)));

    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(storageClasses("enc-rotate"))
        .extracting(StorageClassStatus::keyRef, StorageClassStatus::state)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("kms:key/2026", StorageClassState.Current),
            org.assertj.core.groups.Tuple.tuple("kms:key/2024", StorageClassState.Retiring)));
    String second = currentClass("enc-rotate", "fr-paris");
    assertThat(admin.storage().v1().storageClasses().withName(first).get()).as("the claim's class stays").isNotNull();
    PersistentVolumeClaim kept = tenantAdmin.persistentVolumeClaims().inNamespace("enc-rotate-records").withName("records")
        .get();
    assertThat(kept.getSpec().getStorageClassName()).isEqualTo(first);
    assertThatCode(() -> tenantAdmin.persistentVolumeClaims().inNamespace("enc-rotate-records").withName("records")
        .edit(c -> new PersistentVolumeClaimBuilder(c).editMetadata().addToLabels("app", "records").endMetadata().build()))
        .as("a claim keeps the class it was admitted with").doesNotThrowAnyException();
    assertRefused(() -> claim(tenantAdmin, "enc-rotate-records", "more", first), EncryptedVolumesPolicy.NAME,
        "allowed classes: " + second);
    assertThatCode(() -> claim(tenantAdmin, "enc-rotate-records", "more", second)).doesNotThrowAnyException();
    assertThat(Conditions.find(admin.resources(Tenant.class).withName("enc-rotate").get().getStatus().conditions(),
        StatusConditions.KEY_ROTATION_DUE).getStatus()).isEqualTo(Conditions.FALSE);

    deleteClaim("enc-rotate-records", "records");
    admin.resources(Tenant.class).withName("enc-rotate")
        .edit(t -> TenantEdits.encryption(t, new Encryption("kms:key/2027", OffsetDateTime.now(), null)));

    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(storageClasses("enc-rotate"))
        .extracting(StorageClassStatus::keyRef).containsExactly("kms:key/2027"));
    assertThat(admin.storage().v1().storageClasses().withName(first).get()).as("no claim uses it any more").isNull();
    assertThat(admin.storage().v1().storageClasses().withName(second).get()).isNull();
  }

  // --- helpers -------------------------------------------------------------------------------------

  private String currentClass(String tenant, String region) {
    await().atMost(Platform.PATIENCE).untilAsserted(() -> assertThat(storageClasses(tenant))
        .anyMatch(c -> c.region().equals(region) && c.state() == StorageClassState.Current));
    return storageClasses(tenant).stream()
        .filter(c -> c.region().equals(region) && c.state() == StorageClassState.Current)
        .findFirst().orElseThrow().name();
  }

  private List<StorageClassStatus> storageClasses(String tenant) {
    Tenant live = admin.resources(Tenant.class).withName(tenant).get();
    return live.getStatus() == null ? List.of() : live.getStatus().storageClasses();
  }

  private List<NamespaceState> states(String tenant) {
    Tenant live = admin.resources(Tenant.class).withName(tenant).get();
    return live.getStatus() == null ? List.of()
        : live.getStatus().namespaces().stream().map(NamespaceStatus::state).toList();
  }

  /** The admin that Tenants.tenant names. */
  private KubernetesClient admin(String tenant) {
    KubernetesClient client = cluster.as("admin@" + tenant + ".example");
    opened.add(client);
    return client;
  }

  private static PersistentVolumeClaimSpec claimSpec(String storageClass) {
    return new PersistentVolumeClaimSpecBuilder()
        .withStorageClassName(storageClass)
        .withAccessModes("ReadWriteOnce")
        .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
        .build();
  }

  private static PersistentVolumeClaim claimObject(String namespace, String name, String storageClass) {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withSpec(claimSpec(storageClass)).build();
  }

  private static void claim(KubernetesClient as, String namespace, String name, String storageClass) {
    as.resource(claimObject(namespace, name, storageClass)).dryRun().create();
  }

  private void statefulSet(String name, String storageClass) {
    developer.resource(new StatefulSetBuilder()
            .withNewMetadata().withName(name).withNamespace(HEALTH).endMetadata()
            .withNewSpec().withServiceName(name)
            .withNewSelector().addToMatchLabels("app", name).endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
            .withSpec(Workloads.compliantSpec(PARIS)).endTemplate()
            .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata()
            .withSpec(claimSpec(storageClass)).endVolumeClaimTemplate()
            .endSpec().build())
        .dryRun().create();
  }

  /** Deletes a claim; the controller manager's claim protection lets it go, no pod using it. */
  private void deleteClaim(String namespace, String name) {
    admin.persistentVolumeClaims().inNamespace(namespace).withName(name).delete();
    await().atMost(Platform.PATIENCE).until(() ->
        admin.persistentVolumeClaims().inNamespace(namespace).withName(name).get() == null);
  }

  private static PodSpec withVolume(PodSpec spec, io.fabric8.kubernetes.api.model.Volume volume) {
    spec.getVolumes().add(volume);
    spec.getContainers().get(0).getVolumeMounts()
        .add(new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName(volume.getName()).withMountPath("/data").build());
    return spec;
  }

  private static PodSpec restartNever(PodSpec spec) {
    spec.setRestartPolicy("Never");
    return spec;
  }

  private static StorageClass plainClass(String name, boolean isDefault) {
    return new StorageClassBuilder().withNewMetadata().withName(name)
        .addToAnnotations("storageclass.kubernetes.io/is-default-class", String.valueOf(isDefault)).endMetadata()
        .withProvisioner("csi.plain.example").build();
  }

  /** An Ingress for two hosts of the clinic, edited by {@code edit}, tried as a dry run. */
  private static void ingress(KubernetesClient as, String namespace, UnaryOperator<IngressBuilder> edit) {
    IngressBuilder ingress = new IngressBuilder().withNewMetadata().withName("portal").withNamespace(namespace).endMetadata()
        .withNewSpec().endSpec();
    for (String host : List.of("portal.clinique-horizon.example", "api.clinique-horizon.example")) {
      ingress = withRule(ingress, host);
    }
    Ingress built = edit.apply(ingress).build();
    as.resource(built).dryRun().create();
  }

  /** A rule for {@code host}, or for any host when null. */
  private static IngressBuilder withRule(IngressBuilder ingress, String host) {
    return ingress.editSpec().addNewRule().withHost(host).withNewHttp().addNewPath().withPath("/")
        .withPathType("Prefix").withNewBackend().withNewService().withName("portal").withNewPort().withNumber(8443)
        .endPort().endService().endBackend().endPath().endHttp().endRule().endSpec();
  }

  /** TLS for both hosts: one exactly, the other through a wildcard. */
  private static IngressBuilder withTls(IngressBuilder ingress) {
    return ingress.editSpec()
        .addNewTl().withHosts("portal.clinique-horizon.example").withSecretName("portal-tls").endTl()
        .addNewTl().withHosts("*.clinique-horizon.example").withSecretName("wildcard-tls").endTl()
        .endSpec();
  }

  /** Tried as a tenant user: refused by {@code policy} with {@code message}, and counted. */
  private static void assertRefused(ThrowingCallable call, String policy, String... message) {
    Attacks.refused(Attacks.Rule.policy(policy, message), call);
  }
}
