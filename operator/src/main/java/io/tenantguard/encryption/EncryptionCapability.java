package io.tenantguard.encryption;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.tenantguard.api.v1alpha1.Requirement;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.Encryption;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.StorageClassState;
import io.tenantguard.api.v1alpha1.tenant.StorageClassStatus;
import io.tenantguard.capability.Capability;
import io.tenantguard.capability.Contribution;
import io.tenantguard.capability.Declared;
import io.tenantguard.capability.NamespaceMetadata;
import io.tenantguard.capability.NamespaceView;
import io.tenantguard.capability.PlacedNamespace;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.evidence.Control;
import io.tenantguard.evidence.Controls;
import io.tenantguard.evidence.Evidence;
import io.tenantguard.kube.StatusConditions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Encryption at rest and in transit, with the client's own keys. For every region of the tenant's
 * namespaces, a StorageClass of the Region's encrypted storage naming the client's key for that
 * region; on each namespace, whether its classification requires encryption at rest and in transit
 * (labels) and the class its claims may name (annotation), which the admission policies read
 * ({@link EncryptedVolumesPolicy}, {@link IngressTlsPolicy}). A namespace that requires encryption
 * at rest where the tenant has no key, or the Region no encrypted storage, is refused. The operator
 * never holds key material: it names the client's key to the storage driver.
 */
public final class EncryptionCapability implements Capability {
  /** Required or Optional: the classification's encryptionAtRest, on each tenant namespace. */
  public static final String AT_REST_LABEL = "tenantguard.io/encryption-at-rest";
  /** Required or Optional: the classification's encryptionInTransit, on each tenant namespace. */
  public static final String IN_TRANSIT_LABEL = "tenantguard.io/encryption-in-transit";
  /** The tenant's classes that claims of the namespace may name, comma-separated. */
  public static final String STORAGE_CLASSES_ANNOTATION = "tenantguard.io/storage-classes";
  public static final String ENCRYPTED_STORAGE = "EncryptedStorage";
  public static final String NO_ENCRYPTED_STORAGE = "NoEncryptedStorage";
  public static final String TLS_REQUIRED = "TlsRequired";
  public static final String CLIENT_KEYS = "ClientKeys";
  public static final String CLIENT_DUTY = "ClientDuty";
  private static final List<Control> AT_REST = List.of(Controls.SNC_ENCRYPTION_AT_REST, Controls.HDS_STORAGE_REUSE);
  private static final List<Control> IN_TRANSIT =
      List.of(Controls.SNC_ENCRYPTION_IN_TRANSIT, Controls.HDS_ENCRYPTED_FLOWS);

  @Override
  public List<String> conditions() {
    return List.of(StatusConditions.ENCRYPTION_ENFORCED);
  }

  @Override
  public List<String> refusals(NamespaceView namespace, TenantInputs inputs) {
    String missing = missingStorage(namespace, encryption(inputs));
    return missing == null ? List.of() : List.of(missing);
  }

  @Override
  public Contribution contribute(TenantInputs inputs, List<PlacedNamespace> namespaces) {
    Encryption encryption = encryption(inputs);
    Map<String, StorageClass> current = currentClasses(inputs, namespaces, encryption);
    Set<String> currentNames = current.values().stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    List<StorageClass> retiring = inputs.storageClasses().stream()
        .filter(c -> !currentNames.contains(c.getMetadata().getName()))
        .toList();

    Contribution.Builder contribution = Contribution.builder();
    contribution.objects(List.copyOf(current.values()));
    for (PlacedNamespace namespace : namespaces) {
      if (namespace.provisioned()) {
        contribution.namespaceMetadata(
            namespace.name(), metadata(namespace.view(), current.get(namespace.view().regionName())));
      }
    }
    current.values().forEach(c -> contribution.storageClass(status(c, StorageClassState.Current)));
    retiring.forEach(c -> contribution.storageClass(status(c, StorageClassState.Retiring)));

    List<String> refused = namespaces.stream()
        .filter(ns -> ns.state() != NamespaceState.Conflict)
        .map(ns -> missingStorage(ns.view(), encryption))
        .filter(Objects::nonNull)
        .toList();
    List<String> atRestRequired =
        Declared.namespaces(namespaces, ns -> ns.requirements().encryptionAtRest() == Requirement.Required);
    List<String> inTransitRequired =
        Declared.namespaces(namespaces, ns -> ns.requirements().encryptionInTransit() == Requirement.Required);
    Finding atRest = atRest(atRestRequired, current.values(), retiring, refused);
    AT_REST.forEach(control -> contribution.evidence(atRest.on(control)));
    IN_TRANSIT.forEach(control -> inTransit(inTransitRequired).forEach(f -> contribution.evidence(f.on(control))));
    boolean declared = encryption.keyRef() != null || !encryption.keys().isEmpty() || !atRestRequired.isEmpty()
        || !inTransitRequired.isEmpty();
    cryptography(declared, encryption, current, atRest)
        .forEach(f -> contribution.evidence(f.on(Controls.ISO_CRYPTOGRAPHY)));

    KeyRotation.Reminder reminder = KeyRotation.reminder(namespaces, encryption, current.keySet(), inputs.now(),
        inputs.tenant().getMetadata().getGeneration());
    contribution.notice(reminder.notice());
    reminder.nextDue().ifPresent(contribution::wakeAt);
    return contribution.build();
  }

  private static Encryption encryption(TenantInputs inputs) {
    return Objects.requireNonNullElse(inputs.spec().encryption(), Encryption.NONE);
  }

  /**
   * Why a namespace requiring encryption at rest cannot have it in its region, naming the field to
   * set; null when it can or need not. A missing Region is placement's to report.
   */
  private static String missingStorage(NamespaceView namespace, Encryption encryption) {
    Region region = namespace.region();
    if (namespace.requirements().encryptionAtRest() != Requirement.Required || region == null) {
      return null;
    }
    String needs = "namespace " + namespace.name() + ": classification " + namespace.classificationName()
        + " requires encryption at rest, and ";
    if (region.getSpec().storage() == null) {
      return needs + "region " + namespace.regionName() + " offers no encrypted storage: a platform admin sets the"
          + " Region's spec.storage (provisioner, parameters, keyParameter)";
    }
    if (!TenantStorageClasses.offersClientKeys(region)) {
      return needs + "region " + namespace.regionName() + " cannot name the client's key to its storage driver: a"
          + " platform admin sets the Region's spec.storage.keyParameter";
    }
    if (encryption.keyFor(namespace.regionName()).isEmpty()) {
      return needs + "the tenant has no key for region " + namespace.regionName() + ": set spec.encryption.keyRef,"
          + " or add {region: " + namespace.regionName() + ", keyRef: ...} to spec.encryption.keys";
    }
    return null;
  }

  /**
   * By region: the class of each region of the provisioned namespaces where the Region and the
   * tenant have what it takes; where the Region is gone, the class its namespaces were given.
   */
  private static Map<String, StorageClass> currentClasses(
      TenantInputs inputs, List<PlacedNamespace> namespaces, Encryption encryption) {
    Map<String, StorageClass> classes = new TreeMap<>();
    for (PlacedNamespace namespace : namespaces) {
      Region region = namespace.view().region();
      String regionName = namespace.view().regionName();
      if (!namespace.provisioned() || classes.containsKey(regionName)) {
        continue;
      }
      if (region == null) {
        given(namespace.view(), inputs.storageClasses())
            .ifPresent(existing -> classes.put(regionName, TenantStorageClasses.kept(inputs.name(), regionName, existing)));
      } else if (TenantStorageClasses.offersClientKeys(region)) {
        encryption.keyFor(regionName).ifPresent(
            key -> classes.put(regionName, TenantStorageClasses.desired(inputs.name(), region, key.keyRef())));
      }
    }
    return classes;
  }

  /** The class an existing namespace was given, if it still exists. */
  private static Optional<StorageClass> given(NamespaceView view, List<StorageClass> existing) {
    Map<String, String> annotations = view.existing() == null ? null : view.existing().getMetadata().getAnnotations();
    String given = annotations == null ? null : annotations.get(STORAGE_CLASSES_ANNOTATION);
    return existing.stream().filter(c -> c.getMetadata().getName().equals(given)).findFirst();
  }

  /** What the admission policies read: the requirements, and the class the namespace's claims may name. */
  private static NamespaceMetadata metadata(NamespaceView view, StorageClass storageClass) {
    Map<String, String> labels = Map.of(
        AT_REST_LABEL, view.requirements().encryptionAtRest().name(),
        IN_TRANSIT_LABEL, view.requirements().encryptionInTransit().name());
    return new NamespaceMetadata(labels, storageClass == null ? Map.of()
        : Map.of(STORAGE_CLASSES_ANNOTATION, storageClass.getMetadata().getName()));
  }

  private static StorageClassStatus status(StorageClass storageClass, StorageClassState state) {
    return new StorageClassStatus(storageClass.getMetadata().getName(), TenantStorageClasses.region(storageClass),
        TenantStorageClasses.keyRef(storageClass), state);
  }

  /** SNC 10.1 and HDS 4.4.6.14: every claim of a namespace that requires it on the client's key. */
  private static Finding atRest(List<String> required, Collection<StorageClass> current, List<StorageClass> retiring,
      List<String> refused) {
    if (!refused.isEmpty()) {
      return new Finding(ControlState.Violated, NO_ENCRYPTED_STORAGE, String.join("; ", refused));
    }
    if (required.isEmpty()) {
      return new Finding(ControlState.NotApplicable, StatusConditions.NOT_REQUIRED,
          "no namespace of the tenant requires encryption at rest");
    }
    String message = "claims in namespaces " + String.join(", ", required) + " must name the tenant's encrypted"
        + " StorageClass of their region (none, \"\" or any other class is refused at admission, StatefulSet"
        + " templates and generic ephemeral volumes included; inline CSI volumes only read-only): " + describe(current);
    return new Finding(ControlState.Enforced, ENCRYPTED_STORAGE, retiring.isEmpty() ? message
        : message + "; retiring, kept while a claim or volume uses them: " + describe(retiring));
  }

  /** SNC 10.2 and HDS 4.4.6.6: TLS on every Ingress where it is required; between pods, the client's duty. */
  private static List<Finding> inTransit(List<String> required) {
    if (required.isEmpty()) {
      return List.of(new Finding(ControlState.NotApplicable, StatusConditions.NOT_REQUIRED,
          "no namespace of the tenant requires encryption in transit"));
    }
    return List.of(
        new Finding(ControlState.Enforced, TLS_REQUIRED, "Ingresses in namespaces " + String.join(", ", required)
            + " must carry TLS for every host (no host-less rule, no defaultBackend, no ssl-redirect \"false\"),"
            + " refused at admission otherwise; NodePort and LoadBalancer Services only where the classification"
            + " allows them"),
        new Finding(ControlState.ClientResponsibility, CLIENT_DUTY, "tenantguard does not see traffic between pods:"
            + " TLS between them (a service mesh or the application itself) is the client's duty"));
  }

  /** ISO 27001 A.10.1.1: the client's keys, named to the storage driver and never held by the operator. */
  private static List<Finding> cryptography(
      boolean declared, Encryption encryption, Map<String, StorageClass> current, Finding atRest) {
    if (atRest.state() == ControlState.Violated) {
      return List.of(atRest);
    }
    if (!declared) {
      return List.of(new Finding(ControlState.NotApplicable, StatusConditions.NOT_REQUIRED,
          "the tenant names no key and nothing it holds requires encryption"));
    }
    String keys = current.isEmpty() ? "no volume of the tenant's regions uses a key of the client yet"
        : "volumes use the client's keys, one per region: " + current.entrySet().stream()
            .map(region -> describe(region.getKey(), TenantStorageClasses.keyRef(region.getValue()), encryption))
            .collect(Collectors.joining(", "));
    return List.of(
        new Finding(ControlState.Enforced, CLIENT_KEYS, keys + "; tenantguard holds no key material"),
        new Finding(ControlState.ClientResponsibility, CLIENT_DUTY,
            "the client creates, holds and rotates its keys in the provider's key service"));
  }

  /** "key in region (rotated date)", the date when the spec gives one for that key. */
  private static String describe(String region, String keyRef, Encryption encryption) {
    return keyRef + " in " + region + encryption.keyFor(region)
        .filter(key -> key.keyRef().equals(keyRef) && key.keyRotatedAt() != null)
        .map(key -> " (rotated " + key.keyRotatedAt().toInstant() + ")")
        .orElse("");
  }

  private static String describe(Collection<StorageClass> classes) {
    return classes.stream()
        .map(c -> c.getMetadata().getName() + " (region " + TenantStorageClasses.region(c) + ", key "
            + TenantStorageClasses.keyRef(c) + ")")
        .collect(Collectors.joining(", "));
  }

  /** A finding of this capability, before it is tied to a control. */
  private record Finding(ControlState state, String reason, String message) {
    Evidence on(Control control) {
      return new Evidence(control, state, StatusConditions.ENCRYPTION_ENFORCED, reason, message);
    }
  }
}
