package io.tenantguard.lifecycle;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantguard.api.v1alpha1.certificate.DestroyedNamespace;
import io.tenantguard.api.v1alpha1.certificate.DestroyedVolume;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificateSpec;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.tenant.Deletion;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.capability.TenantLifecycle;
import io.tenantguard.kube.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Destroys a terminated tenant's data once its deadline has passed, in steps that each survive a
 * restart: first what is to be destroyed is counted and written in status (namespaces with their
 * uids and object counts, the volumes bound to their claims); once that is read back, the
 * namespaces are deleted through the API server and waited for; then nothing of the tenant may be
 * left (namespaces, volumes, StorageClasses, ClusterRoleBindings) before the certificate is
 * written. A volume kept by reclaim policy Retain holds data: the destruction waits for an
 * administrator to delete it and is never certified while one remains.
 */
final class Destruction {
  static final Duration FINALIZING = Duration.ofSeconds(5);
  static final Duration BLOCKED = Duration.ofSeconds(30);
  private static final String QUOTA_COUNT = "count/";

  private final KubernetesClient client;
  private final DestructionCertificates certificates;
  private final DeletionSchedule schedule;
  private final String operatorVersion;
  private final MeterRegistry meters;
  private final Clock clock;

  Destruction(KubernetesClient client, DestructionCertificates certificates, DeletionSchedule schedule,
      String operatorVersion, MeterRegistry meters, Clock clock) {
    this.client = client;
    this.certificates = certificates;
    this.schedule = schedule;
    this.operatorVersion = operatorVersion;
    this.meters = meters;
    this.clock = clock;
  }

  TenantLifecycle step(Tenant tenant, TenantLifecycle lifecycle, List<Namespace> owned,
      Map<String, DataClassification> classifications) {
    Deletion deletion = lifecycle.deletion();
    Instant now = clock.instant();
    if (deletion.destructionStartedAt() == null) {
      return inventory(lifecycle, owned, now);
    }
    String tenantName = tenant.getMetadata().getName();
    for (Namespace namespace : owned) {
      if (namespace.getMetadata().getDeletionTimestamp() == null
          && tenantName.equals(namespace.getMetadata().getLabels().get(Labels.TENANT))) {
        client.resource(namespace).delete();
      }
    }
    List<String> remaining = deletion.namespaces().stream()
        .filter(ns -> stillThere(ns, tenantName))
        .map(DestroyedNamespace::name)
        .toList();
    if (!remaining.isEmpty()) {
      return lifecycle.withProgress(deletion, "namespaces " + String.join(", ", remaining) + " deleted, waiting for"
          + " the namespace controller to delete every object in them", now.plus(FINALIZING));
    }
    Verification verification = verify(tenantName, deletion);
    if (!verification.leftovers().isEmpty()) {
      return lifecycle.withProgress(deletion, "namespaces gone; not certified while "
          + String.join("; ", verification.leftovers()), now.plus(BLOCKED));
    }
    Set<String> held = DeletionSchedule.held(tenant, List.of());
    deletion.namespaces().stream().map(DestroyedNamespace::classification).filter(Objects::nonNull).forEach(held::add);
    DestructionCertificate certificate = certificates.issue(tenant, content(tenant, deletion, held, classifications,
        verification.checks(), now));
    meters.counter("tenantguard.destructions").increment();
    return lifecycle.destroyed(deletion.withDestroyed(certificate.getSpec().destroyedAt(),
        certificate.getMetadata().getName()));
  }

  /**
   * Counts what is to be destroyed, from each namespace's ResourceQuota usage (Secrets are
   * counted, never read) and the volumes bound to its claims; deletes nothing yet.
   */
  private TenantLifecycle inventory(TenantLifecycle lifecycle, List<Namespace> owned, Instant now) {
    List<DestroyedNamespace> namespaces = new ArrayList<>();
    List<String> uncounted = new ArrayList<>();
    for (Namespace namespace : owned) {
      String name = namespace.getMetadata().getName();
      Map<String, Long> counts = objectCounts(name);
      if (counts == null) {
        uncounted.add(name);
      }
      Map<String, String> labels = namespace.getMetadata().getLabels();
      namespaces.add(new DestroyedNamespace(name, namespace.getMetadata().getUid(), labels.get(Labels.REGION),
          labels.get(Labels.CLASSIFICATION), counts));
    }
    if (!uncounted.isEmpty()) {
      return lifecycle.withProgress(lifecycle.deletion(), "waiting for the quota controller to count the objects of"
          + " namespaces " + String.join(", ", uncounted) + " before destroying them", now.plus(FINALIZING));
    }
    Set<String> names = namespaces.stream().map(DestroyedNamespace::name).collect(Collectors.toSet());
    List<DestroyedVolume> volumes = boundTo(names).stream().map(Destruction::volume).toList();
    return lifecycle.withProgress(lifecycle.deletion().withInventory(Times.format(now), namespaces, volumes),
        "counted " + namespaces.size() + " namespace(s) and " + volumes.size() + " volume(s) to destroy; deleting the"
            + " namespaces once that is recorded", now);
  }

  /** Objects by kind from the namespace's managed quota: "pods", "deployments.apps"; null until counted. */
  private Map<String, Long> objectCounts(String namespace) {
    List<ResourceQuota> quotas = client.resourceQuotas().inNamespace(namespace)
        .withLabel(Labels.MANAGED_BY, Labels.MANAGER).list().getItems();
    if (quotas.isEmpty() || quotas.get(0).getStatus() == null || quotas.get(0).getStatus().getUsed() == null) {
      return null;
    }
    Map<String, Long> counts = new TreeMap<>();
    quotas.get(0).getStatus().getUsed().forEach((resource, used) -> {
      // a name without a dot counts a core kind (pods, secrets); count/<resource>.<group> any other
      if (resource.startsWith(QUOTA_COUNT) || !resource.contains(".")) {
        counts.put(resource.replace(QUOTA_COUNT, ""), Quantity.getAmountInBytes(used).longValue());
      }
    });
    return counts;
  }

  private List<PersistentVolume> boundTo(Collection<String> namespaces) {
    return client.persistentVolumes().list().getItems().stream()
        .filter(pv -> pv.getSpec().getClaimRef() != null && namespaces.contains(pv.getSpec().getClaimRef().getNamespace()))
        .toList();
  }

  private static DestroyedVolume volume(PersistentVolume pv) {
    var claim = pv.getSpec().getClaimRef();
    Quantity capacity = pv.getSpec().getCapacity() == null ? null : pv.getSpec().getCapacity().get("storage");
    return new DestroyedVolume(pv.getMetadata().getName(), claim.getNamespace() + "/" + claim.getName(),
        pv.getSpec().getPersistentVolumeReclaimPolicy(), pv.getSpec().getStorageClassName(),
        pv.getSpec().getCsi() == null ? null : pv.getSpec().getCsi().getDriver(),
        capacity == null ? null : capacity.toString());
  }

  /** Whether the namespace counted still exists as the tenant's (the same uid, or labelled for it). */
  private boolean stillThere(DestroyedNamespace counted, String tenant) {
    Namespace now = client.namespaces().withName(counted.name()).get();
    return now != null && (Objects.equals(now.getMetadata().getUid(), counted.uid())
        || (now.getMetadata().getLabels() != null && tenant.equals(now.getMetadata().getLabels().get(Labels.TENANT))));
  }

  /** What is left of the tenant (must be nothing), and each check made with what it found. */
  private record Verification(List<String> leftovers, List<String> checks) {}

  private Verification verify(String tenant, Deletion deletion) {
    List<String> leftovers = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    deletion.namespaces().forEach(ns -> checks.add("namespace " + ns.name() + " (uid " + ns.uid() + "): not found"));
    String label = Labels.TENANT + "=" + tenant;
    labelled(leftovers, checks, "Namespace", label, () -> client.namespaces().withLabel(Labels.TENANT, tenant).list().getItems());
    labelled(leftovers, checks, "StorageClass", label,
        () -> client.storage().v1().storageClasses().withLabel(Labels.TENANT, tenant).list().getItems());
    labelled(leftovers, checks, "ClusterRoleBinding", label,
        () -> client.rbac().clusterRoleBindings().withLabel(Labels.TENANT, tenant).list().getItems());
    Set<String> namespaces = deletion.namespaces().stream().map(DestroyedNamespace::name).collect(Collectors.toSet());
    Set<String> counted = deletion.persistentVolumes().stream().map(DestroyedVolume::name).collect(Collectors.toSet());
    List<PersistentVolume> volumes = client.persistentVolumes().list().getItems().stream()
        .filter(pv -> counted.contains(pv.getMetadata().getName()) || (pv.getSpec().getClaimRef() != null
            && namespaces.contains(pv.getSpec().getClaimRef().getNamespace())))
        .toList();
    volumes.forEach(pv -> leftovers.add(remainingVolume(pv)));
    if (volumes.isEmpty()) {
      checks.add(counted.isEmpty() ? "no PersistentVolume was bound to a claim of the tenant's namespaces"
          : "no PersistentVolume bound to a claim of the tenant's namespaces remains (were: "
              + String.join(", ", new java.util.TreeSet<>(counted)) + ")");
    }
    return new Verification(leftovers, checks);
  }

  private static void labelled(List<String> leftovers, List<String> checks, String kind, String label,
      Supplier<List<? extends HasMetadata>> list) {
    List<String> found = list.get().stream().map(o -> o.getMetadata().getName()).toList();
    if (found.isEmpty()) {
      checks.add("no " + kind + " labelled " + label);
    } else {
      leftovers.add(kind + " " + String.join(", ", found) + " (labelled " + label + ") remains");
    }
  }

  private static String remainingVolume(PersistentVolume pv) {
    String policy = pv.getSpec().getPersistentVolumeReclaimPolicy();
    String phase = pv.getStatus() == null ? "unknown" : pv.getStatus().getPhase();
    String claim = pv.getSpec().getClaimRef() == null ? "" : " of claim " + pv.getSpec().getClaimRef().getNamespace()
        + "/" + pv.getSpec().getClaimRef().getName();
    return "Retain".equals(policy)
        ? "PersistentVolume " + pv.getMetadata().getName() + " (reclaim policy Retain, " + phase + ") still holds the"
            + " data" + claim + ": an administrator deletes it once its storage is wiped"
        : "PersistentVolume " + pv.getMetadata().getName() + " (reclaim policy " + policy + ", " + phase + ") has not"
            + " been deleted by its driver yet";
  }

  private DestructionCertificateSpec content(Tenant tenant, Deletion deletion, Set<String> classes,
      Map<String, DataClassification> classifications, List<String> checks, Instant now) {
    DeletionSchedule.Deadline proof = schedule.proofRetainedUntil(now, classes, classifications);
    var spec = tenant.getSpec();
    return new DestructionCertificateSpec(tenant.getMetadata().getName(), tenant.getMetadata().getUid(),
        spec.displayName(), spec.compliance(), List.copyOf(classes), deletion.namespaces(),
        deletion.persistentVolumes(), deletion.terminatedAt(), deletion.retention(), deletion.dataAccessibleUntil(),
        deletion.destructionStartedAt(), Times.format(now), proof.retention(), Times.format(proof.at()),
        method(tenant, deletion), checks, operatorVersion, null, null, null);
  }

  private static List<String> method(Tenant tenant, Deletion deletion) {
    List<String> method = new ArrayList<>();
    method.add("namespaces " + deletion.namespaces().stream().map(DestroyedNamespace::name)
        .collect(Collectors.joining(", ")) + " deleted through the Kubernetes API server, whose namespace controller"
        + " deletes every object in them; waited for until gone");
    for (DestroyedVolume volume : deletion.persistentVolumes()) {
      method.add("Retain".equals(volume.reclaimPolicy())
          ? "PersistentVolume " + volume.name() + " (reclaim policy Retain) deleted by an administrator before"
              + " certification; Kubernetes does not delete the storage of such a volume: wiping it is the"
              + " administrator's"
          : "PersistentVolume " + volume.name() + " released under reclaim policy " + volume.reclaimPolicy()
              + " to its " + (volume.driver() == null ? "provisioner" : "CSI driver " + volume.driver())
              + ", which deletes its storage");
    }
    if (tenant.getSpec().encryption() != null && tenant.getSpec().encryption().keyRef() != null) {
      method.add("crypto-erase left to the client: revoking its key " + tenant.getSpec().encryption().keyRef()
          + " (spec.encryption.keyRef), which the client holds, makes any remaining copy of the data unreadable");
    }
    return method;
  }
}
