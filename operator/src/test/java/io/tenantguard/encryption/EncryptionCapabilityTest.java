package io.tenantguard.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.region.RegionSpec;
import io.tenantguard.api.v1alpha1.region.RegionStorage;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.Encryption;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.RegionKey;
import io.tenantguard.api.v1alpha1.tenant.StorageClassState;
import io.tenantguard.api.v1alpha1.tenant.StorageClassStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.evidence.Evidence;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.DesiredState;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.separation.SeparationDefaults;
import io.tenantguard.tenant.TenantPipeline;
import io.tenantguard.tenant.TenantPlan;
import io.tenantguard.testing.Examples;
import io.tenantguard.testing.TenantEdits;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionCapabilityTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final String CLINIC_KEY = "arn:kms:fr-paris:key/clinique-horizon-2026";
  private final TenantPipeline pipeline = OperatorRuntime.pipeline(SeparationDefaults.STANDARD);

  private TenantPlan plan(Tenant tenant) {
    return plan(tenant, Examples.regions(), List.of(), List.of());
  }

  private TenantPlan plan(Tenant tenant, Map<String, Region> regions, List<Namespace> owned, List<StorageClass> classes) {
    return pipeline.plan(new TenantInputs(tenant, regions, Examples.classifications(), owned, Map.of(), NOW)
        .withStorageClasses(classes));
  }

  // --- the desired StorageClasses ------------------------------------------------------------------

  @Test
  void theDefaultKeyMakesOneEncryptedClassPerRegionPinnedToItsZones() {
    TenantPlan plan = plan(Examples.tenant("clinique-horizon"));

    assertThat(plan.objects(StorageClass.class)).hasSize(1);
    StorageClass paris = plan.objects(StorageClass.class).get(0);
    assertThat(paris.getMetadata().getName()).matches("tenantguard-clinique-horizon-fr-paris-[0-9a-f]{8}");
    assertThat(paris.getMetadata().getLabels())
        .containsEntry(Labels.MANAGED_BY, Labels.MANAGER)
        .containsEntry(Labels.TENANT, "clinique-horizon")
        .containsEntry(Labels.REGION, "fr-paris");
    assertThat(paris.getMetadata().getOwnerReferences()).as("cluster-scoped, owned by label only").isNullOrEmpty();
    assertThat(paris.getProvisioner()).isEqualTo("csi.block.example.cloud");
    assertThat(paris.getParameters()).containsExactly(Map.entry("encrypted", "true"), Map.entry("kmsKeyId", CLINIC_KEY));
    assertThat(paris.getReclaimPolicy()).isEqualTo("Delete");
    assertThat(paris.getVolumeBindingMode()).isEqualTo("WaitForFirstConsumer");
    assertThat(paris.getAllowedTopologies().get(0).getMatchLabelExpressions())
        .extracting(e -> e.getKey(), e -> e.getValues())
        .containsExactly(tuple("topology.kubernetes.io/zone", List.of("fr-par-1", "fr-par-2", "fr-par-3")));
    assertThat(plan.objects(Namespace.class)).allSatisfy(ns -> {
      assertThat(ns.getMetadata().getAnnotations())
          .containsEntry(EncryptionCapability.STORAGE_CLASSES_ANNOTATION, paris.getMetadata().getName());
      assertThat(ns.getMetadata().getLabels())
          .containsEntry(EncryptionCapability.AT_REST_LABEL, "Required")
          .containsEntry(EncryptionCapability.IN_TRANSIT_LABEL, "Required");
    });
  }

  @Test
  void aRegionsOwnKeyWinsOverTheDefaultAndARegionWithoutStorageGetsNoClass() {
    TenantPlan plan = plan(TenantEdits.encryption(Examples.tenant("lumiere-media"), new Encryption("default-key", null,
        List.of(new RegionKey("de-frankfurt", "frankfurt-key", null)))));

    assertThat(plan.objects(StorageClass.class)).singleElement().satisfies(frankfurt -> {
      assertThat(frankfurt.getMetadata().getName()).startsWith("tenantguard-lumiere-media-de-frankfurt-");
      assertThat(frankfurt.getParameters()).containsEntry("kmsKeyId", "frankfurt-key");
    });
    Namespace cdn = namespace(plan, "lumiere-cdn");
    assertThat(cdn.getMetadata().getAnnotations()).doesNotContainKey(EncryptionCapability.STORAGE_CLASSES_ANNOTATION);
    assertThat(cdn.getMetadata().getLabels()).containsEntry(EncryptionCapability.AT_REST_LABEL, "Optional");
    assertThat(plan.namespaces()).extracting(ns -> ns.state()).containsOnly(NamespaceState.Provisioned);
  }

  @Test
  void theSameKeyAndStorageKeepTheNameAndAnyChangeOfThemMakesAnother() {
    String name = className(plan(Examples.tenant("clinique-horizon")));

    assertThat(className(plan(Examples.tenant("clinique-horizon")))).isEqualTo(name);
    assertThat(className(plan(withKey(Examples.tenant("clinique-horizon"), "arn:kms:fr-paris:key/clinique-2027"))))
        .isNotEqualTo(name);
    Map<String, Region> regions = Examples.regions();
    RegionSpec paris = regions.get("fr-paris").getSpec();
    regions.get("fr-paris").setSpec(new RegionSpec(paris.displayName(), paris.country(), paris.jurisdiction(),
        paris.zones(), paris.hostingCentres(), paris.certifications(), paris.nodeSelector(),
        new RegionStorage("csi.block.example.cloud", Map.of("encrypted", "true", "type", "ssd"), "kmsKeyId"),
        paris.maintenance()));
    assertThat(className(plan(Examples.tenant("clinique-horizon"), regions, List.of(), List.of()))).isNotEqualTo(name);
  }

  @Test
  void aLongTenantAndRegionAreShortenedIntoAValidName() {
    String name = TenantStorageClasses.name("t".repeat(200), "region.with.dots", "0123abcd");

    assertThat(name).hasSizeLessThanOrEqualTo(253).startsWith("tenantguard-ttt").endsWith("-0123abcd")
        .matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  }

  @Test
  void aNewKeyMakesANewClassAndTheOldOneIsListedRetiring() {
    TenantPlan before = plan(Examples.tenant("clinique-horizon"));
    StorageClass old = before.objects(StorageClass.class).get(0);

    TenantPlan after = plan(withKey(Examples.tenant("clinique-horizon"), "arn:kms:fr-paris:key/clinique-2027"),
        Examples.regions(), before.objects(Namespace.class), List.of(old));

    StorageClass renewed = after.objects(StorageClass.class).get(0);
    assertThat(after.objects(StorageClass.class)).as("only the current class is desired").hasSize(1);
    assertThat(renewed.getMetadata().getName()).isNotEqualTo(old.getMetadata().getName());
    assertThat(after.contributions().stream().flatMap(c -> c.contribution().storageClasses().stream()))
        .containsExactly(
            new StorageClassStatus(renewed.getMetadata().getName(), "fr-paris", "arn:kms:fr-paris:key/clinique-2027",
                StorageClassState.Current),
            new StorageClassStatus(old.getMetadata().getName(), "fr-paris", CLINIC_KEY, StorageClassState.Retiring));
    assertThat(namespace(after, "horizon-records").getMetadata().getAnnotations())
        .as("new claims go to the new key only")
        .containsEntry(EncryptionCapability.STORAGE_CLASSES_ANNOTATION, renewed.getMetadata().getName());
    assertThat(evidence(after, "SNC-10.1").message())
        .contains("retiring, kept while a claim or volume uses them: " + old.getMetadata().getName());
  }

  @Test
  void aNamespaceWhoseRegionIsGoneKeepsItsClassUnchanged() {
    TenantPlan before = plan(Examples.tenant("clinique-horizon"));
    StorageClass made = before.objects(StorageClass.class).get(0);
    Map<String, Region> regions = Examples.regions();
    regions.remove("fr-paris");

    TenantPlan after = plan(Examples.tenant("clinique-horizon"), regions, before.objects(Namespace.class), List.of(made));

    assertThat(after.objects(StorageClass.class)).singleElement().satisfies(kept -> {
      assertThat(kept.getMetadata().getName()).isEqualTo(made.getMetadata().getName());
      assertThat(DesiredState.fingerprintOf(kept)).as("nothing to write").isEqualTo(DesiredState.fingerprintOf(made));
    });
    assertThat(namespace(after, "horizon-records").getMetadata().getAnnotations())
        .containsEntry(EncryptionCapability.STORAGE_CLASSES_ANNOTATION, made.getMetadata().getName());
    TenantPlan keyless = plan(TenantEdits.encryption(Examples.tenant("clinique-horizon"), null), regions,
        before.objects(Namespace.class), List.of(made));
    assertThat(evidence(keyless, "ISO27001-A.10.1.1").message()).as("named from the class itself")
        .contains(CLINIC_KEY + " in fr-paris");
  }

  // --- refusals ------------------------------------------------------------------------------------

  @Test
  void aNamespaceRequiringEncryptionWhereTheTenantHasNoKeyIsRefusedNamingTheField() {
    TenantPlan plan = plan(TenantEdits.encryption(Examples.tenant("clinique-horizon"), null));

    assertThat(plan.namespaces()).extracting(ns -> ns.state()).containsOnly(NamespaceState.Refused);
    assertThat(plan.namespaces().get(0).message()).isEqualTo("namespace horizon-records: classification health requires"
        + " encryption at rest, and the tenant has no key for region fr-paris: set spec.encryption.keyRef, or add"
        + " {region: fr-paris, keyRef: ...} to spec.encryption.keys");
    assertThat(plan.objects(StorageClass.class)).isEmpty();
    Evidence atRest = evidence(plan, "SNC-10.1");
    assertThat(atRest.state()).isEqualTo(ControlState.Violated);
    assertThat(atRest.reason()).isEqualTo(EncryptionCapability.NO_ENCRYPTED_STORAGE);
    assertThat(evidence(plan, "ISO27001-A.10.1.1").state()).isEqualTo(ControlState.Violated);
  }

  @Test
  void aKeyOfAnotherRegionDoesNotServe() {
    TenantPlan plan = plan(TenantEdits.encryption(Examples.tenant("clinique-horizon"),
        new Encryption(null, null, List.of(new RegionKey("de-frankfurt", "frankfurt-key", null)))));

    assertThat(plan.namespaces()).extracting(ns -> ns.state()).containsOnly(NamespaceState.Refused);
    assertThat(plan.namespaces().get(0).message()).contains("the tenant has no key for region fr-paris");
  }

  @Test
  void aRegionWithoutEncryptedStorageOrKeyParameterIsRefusedNamingTheRegionsField() {
    Map<String, Region> regions = Examples.regions();
    assertThat(plan(Examples.tenant("clinique-horizon"), withStorage(regions, null), List.of(), List.of())
        .namespaces().get(0).message())
        .isEqualTo("namespace horizon-records: classification health requires encryption at rest, and region fr-paris"
            + " offers no encrypted storage: a platform admin sets the Region's spec.storage (provisioner,"
            + " parameters, keyParameter)");
    assertThat(plan(Examples.tenant("clinique-horizon"),
        withStorage(Examples.regions(), new RegionStorage("csi.block.example.cloud", Map.of("encrypted", "true"), null)),
        List.of(), List.of()).namespaces().get(0).message())
        .contains("region fr-paris cannot name the client's key to its storage driver: a platform admin sets the"
            + " Region's spec.storage.keyParameter");
  }

  @Test
  void anExistingNamespaceThatLosesItsKeyIsKeptViolatedAndItsClaimsGetNoClass() {
    Tenant clinic = Examples.tenant("clinique-horizon");
    TenantPlan before = plan(clinic);

    TenantPlan after = plan(TenantEdits.encryption(clinic, null), Examples.regions(), before.objects(Namespace.class),
        before.objects(StorageClass.class));

    assertThat(after.namespaces()).extracting(ns -> ns.state()).containsOnly(NamespaceState.Violated);
    assertThat(after.objects(Namespace.class)).hasSize(3).allSatisfy(ns -> {
      assertThat(ns.getMetadata().getAnnotations()).doesNotContainKey(EncryptionCapability.STORAGE_CLASSES_ANNOTATION);
      assertThat(ns.getMetadata().getLabels()).containsEntry(EncryptionCapability.AT_REST_LABEL, "Required");
    });
    assertThat(after.contributions().stream().flatMap(c -> c.contribution().storageClasses().stream()))
        .extracting(StorageClassStatus::state).containsExactly(StorageClassState.Retiring);
  }

  @Test
  void aPublicNamespaceNeedsNoKey() {
    TenantPlan plan = plan(TenantEdits.encryption(Examples.tenant("lumiere-media"), null));

    assertThat(plan.namespaces()).extracting(ns -> ns.state()).containsOnly(NamespaceState.Provisioned);
    assertThat(plan.objects(StorageClass.class)).isEmpty();
    assertThat(evidence(plan, "SNC-10.1").state()).isEqualTo(ControlState.NotApplicable);
    assertThat(evidence(plan, "ISO27001-A.10.1.1").state()).isEqualTo(ControlState.NotApplicable);
  }

  // --- evidence ------------------------------------------------------------------------------------

  @Test
  void encryptionIsEvidencedWithTheClassesTheirKeysAndTheClientsDuties() {
    TenantPlan plan = plan(Examples.tenant("clinique-horizon"));
    String storageClass = className(plan);

    Evidence atRest = evidence(plan, "HDS-4.4.6.14");
    assertThat(atRest.state()).isEqualTo(ControlState.Enforced);
    assertThat(atRest.message()).startsWith("claims in namespaces horizon-records, horizon-imaging, horizon-portal must"
        + " name the tenant's encrypted StorageClass of their region")
        .endsWith(storageClass + " (region fr-paris, key " + CLINIC_KEY + ")");
    assertThat(plan.contributions().stream().flatMap(c -> c.contribution().evidence().stream())
        .filter(e -> e.control().id().equals("SNC-10.2")))
        .extracting(Evidence::state, Evidence::reason)
        .containsExactly(tuple(ControlState.Enforced, EncryptionCapability.TLS_REQUIRED),
            tuple(ControlState.ClientResponsibility, EncryptionCapability.CLIENT_DUTY));
    assertThat(evidence(plan, "ISO27001-A.10.1.1").message()).isEqualTo("volumes use the client's keys, one per"
        + " region: " + CLINIC_KEY + " in fr-paris (rotated 2026-03-02T09:00:00Z); tenantguard holds no key material");
  }

  // --- key rotation reminder -----------------------------------------------------------------------

  @Test
  void aKeyYoungerThanTheIntervalIsNoReminderAndWakesTheTenantWhenItFallsDue() {
    TenantPlan plan = plan(Examples.tenant("clinique-horizon"));

    Condition due = notice(plan);
    assertThat(due.getStatus()).isEqualTo(Conditions.FALSE);
    assertThat(due.getReason()).isEqualTo(KeyRotation.WITHIN_INTERVAL);
    assertThat(due.getMessage()).contains("the next is due on 2027-03-02T09:00:00Z (key " + CLINIC_KEY);
    assertThat(plan.contributions().stream().map(c -> c.contribution().wakeAt()))
        .contains(Instant.parse("2027-03-02T09:00:00Z"));
  }

  @Test
  void aKeyOlderThanTheIntervalIsAReminderNotAReasonToBeNotReady() {
    TenantPlan plan = plan(TenantEdits.encryption(Examples.tenant("clinique-horizon"),
        new Encryption(CLINIC_KEY, OffsetDateTime.parse("2025-11-30T10:00:00Z"), null)));

    Condition due = notice(plan);
    assertThat(due.getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(due.getReason()).isEqualTo(KeyRotation.KEY_TOO_OLD);
    assertThat(due.getMessage()).isEqualTo("key " + CLINIC_KEY + " of region fr-paris was rotated on"
        + " 2025-11-30T10:00:00Z, more than the P1Y classification health asks (namespaces horizon-records,"
        + " horizon-imaging): the client rotates it and sets spec.encryption.keyRotatedAt");
    assertThat(StatusConditions.failing(due)).isFalse();
    assertThat(evidence(plan, "SNC-10.1").state()).isEqualTo(ControlState.Enforced);
  }

  @Test
  void aKeyWithoutRotationDateWhereAnIntervalIsAskedIsReminded() {
    TenantPlan plan = plan(TenantEdits.encryption(Examples.tenant("clinique-horizon"),
        new Encryption(null, null, List.of(new RegionKey("fr-paris", "paris-key", null)))));

    Condition due = notice(plan);
    assertThat(due.getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(due.getReason()).isEqualTo(KeyRotation.ROTATION_DATE_UNKNOWN);
    assertThat(due.getMessage()).contains("key paris-key of region fr-paris has no rotation date")
        .contains("set keyRotatedAt of region fr-paris in spec.encryption.keys");
  }

  @Test
  void noIntervalNoReminder() {
    Condition due = notice(plan(Examples.tenant("lumiere-media")));

    assertThat(due.getStatus()).isEqualTo(Conditions.FALSE);
    assertThat(due.getReason()).isEqualTo(KeyRotation.NO_INTERVAL);
  }

  // --- helpers -------------------------------------------------------------------------------------

  private static Tenant withKey(Tenant tenant, String keyRef) {
    return TenantEdits.encryption(tenant, new Encryption(keyRef, null, null));
  }

  private static Map<String, Region> withStorage(Map<String, Region> regions, RegionStorage storage) {
    RegionSpec paris = regions.get("fr-paris").getSpec();
    regions.get("fr-paris").setSpec(new RegionSpec(paris.displayName(), paris.country(), paris.jurisdiction(),
        paris.zones(), paris.hostingCentres(), paris.certifications(), paris.nodeSelector(), storage,
        paris.maintenance()));
    return regions;
  }

  private static String className(TenantPlan plan) {
    return plan.objects(StorageClass.class).get(0).getMetadata().getName();
  }

  private static Namespace namespace(TenantPlan plan, String name) {
    return plan.objects(Namespace.class).stream().filter(ns -> ns.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow();
  }

  private static Evidence evidence(TenantPlan plan, String controlId) {
    return plan.contributions().stream().flatMap(c -> c.contribution().evidence().stream())
        .filter(e -> e.control().id().equals(controlId)).findFirst().orElseThrow();
  }

  private static Condition notice(TenantPlan plan) {
    return plan.contributions().stream().flatMap(c -> c.contribution().notices().stream())
        .filter(c -> c.getType().equals(StatusConditions.KEY_ROTATION_DUE)).findFirst().orElseThrow();
  }
}
