package io.tenantguard.capability;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tenantguard.api.v1alpha1.tenant.StorageClassStatus;
import io.tenantguard.evidence.Evidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one capability adds to a tenant's desired state.
 *
 * @param objects the objects it wants in the tenant's namespaces
 * @param namespaceMetadata labels and annotations it puts on each namespace, by name
 * @param evidence its findings, one or more per control it evaluates
 * @param notices conditions that inform without proving a control (a maintenance window ahead)
 * @param wakeAt when the tenant must be looked at again although nothing changed, or null
 * @param storageClasses the tenant's StorageClasses and the key each carries, for its status
 */
public record Contribution(
    List<HasMetadata> objects,
    Map<String, NamespaceMetadata> namespaceMetadata,
    List<Evidence> evidence,
    List<Condition> notices,
    Instant wakeAt,
    List<StorageClassStatus> storageClasses) {

  public Contribution {
    objects = List.copyOf(objects);
    namespaceMetadata = Map.copyOf(namespaceMetadata);
    evidence = List.copyOf(evidence);
    notices = List.copyOf(notices);
    storageClasses = List.copyOf(storageClasses);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects a contribution piece by piece. */
  public static final class Builder {
    private final List<HasMetadata> objects = new ArrayList<>();
    private final Map<String, NamespaceMetadata> namespaceMetadata = new LinkedHashMap<>();
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<Condition> notices = new ArrayList<>();
    private Instant wakeAt;
    private final List<StorageClassStatus> storageClasses = new ArrayList<>();

    public Builder object(HasMetadata object) {
      objects.add(object);
      return this;
    }

    public Builder objects(List<? extends HasMetadata> more) {
      objects.addAll(more);
      return this;
    }

    public Builder namespaceMetadata(String namespace, NamespaceMetadata metadata) {
      namespaceMetadata.merge(namespace, metadata, NamespaceMetadata::plus);
      return this;
    }

    public Builder evidence(Evidence finding) {
      evidence.add(finding);
      return this;
    }

    public Builder notice(Condition notice) {
      notices.add(notice);
      return this;
    }

    public Builder wakeAt(Instant when) {
      wakeAt = when;
      return this;
    }

    public Builder storageClass(StorageClassStatus storageClass) {
      storageClasses.add(storageClass);
      return this;
    }

    public Contribution build() {
      return new Contribution(objects, namespaceMetadata, evidence, notices, wakeAt, storageClasses);
    }
  }
}
