package io.tenantguard.encryption;

import io.fabric8.kubernetes.api.model.TopologySelectorTermBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.region.RegionStorage;
import io.tenantguard.kube.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's encrypted StorageClass in one region: the Region's provisioner and encryption
 * parameters, with its key parameter set to the client's key for that region. Its parameters
 * cannot change once made, so the name carries a digest of them: a new key (or a new storage
 * setting of the Region) is a new class, and the old one keeps serving the volumes made with it.
 */
public final class TenantStorageClasses {
  /** Every tenant class starts so: admission refuses, in a tenant namespace, those that are not its own. */
  public static final String PREFIX = "tenantguard-";
  /** The client's key the class names, readable without knowing the Region's key parameter. */
  public static final String KEY_ANNOTATION = "tenantguard.io/key-ref";
  static final String ZONE_LABEL = "topology.kubernetes.io/zone";
  static final String RECLAIM_POLICY = "Delete";
  /** A volume is made where its first pod is scheduled: in a pinned namespace, in its region. */
  static final String BINDING_MODE = "WaitForFirstConsumer";
  private static final int MAX_NAME = 253;
  private static final int DIGEST_LENGTH = 8;

  private TenantStorageClasses() {}

  /** Whether the Region can give volumes the client's own key: it has storage and names its key parameter. */
  static boolean offersClientKeys(Region region) {
    RegionStorage storage = region.getSpec().storage();
    return storage != null && storage.keyParameter() != null && !storage.keyParameter().isBlank();
  }

  /** The class of {@code tenant} in {@code region}, which must offer client keys, under {@code keyRef}. */
  static StorageClass desired(String tenant, Region region, String keyRef) {
    RegionStorage storage = region.getSpec().storage();
    String regionName = region.getMetadata().getName();
    Map<String, String> parameters = new TreeMap<>(storage.parameters());
    parameters.put(storage.keyParameter(), keyRef);
    List<String> zones = region.getSpec().zones();
    return new StorageClassBuilder()
        .withNewMetadata()
        .withName(name(tenant, regionName, digest(tenant, regionName, storage.provisioner(), parameters)))
        .withLabels(labels(tenant, regionName))
        .withAnnotations(Map.of(KEY_ANNOTATION, keyRef))
        .endMetadata()
        .withProvisioner(storage.provisioner())
        .withParameters(parameters)
        .withReclaimPolicy(RECLAIM_POLICY)
        .withVolumeBindingMode(BINDING_MODE)
        // a volume of this class cannot be made outside the region's zones
        .withAllowedTopologies(zones.isEmpty() ? null : List.of(new TopologySelectorTermBuilder()
            .addNewMatchLabelExpression().withKey(ZONE_LABEL).withValues(zones).endMatchLabelExpression()
            .build()))
        .build();
  }

  /**
   * An existing class, wanted as it was made: for a namespace whose Region is gone, so that losing
   * a Region (or its CRD) never takes a class or what the namespace allows away.
   */
  static StorageClass kept(String tenant, String region, StorageClass existing) {
    String keyRef = keyRef(existing);
    return new StorageClassBuilder()
        .withNewMetadata()
        .withName(existing.getMetadata().getName())
        .withLabels(labels(tenant, region))
        .withAnnotations(keyRef == null ? null : Map.of(KEY_ANNOTATION, keyRef))
        .endMetadata()
        .withProvisioner(existing.getProvisioner())
        .withParameters(new TreeMap<>(existing.getParameters()))
        .withReclaimPolicy(existing.getReclaimPolicy())
        .withVolumeBindingMode(existing.getVolumeBindingMode())
        .withAllowedTopologies(existing.getAllowedTopologies() == null || existing.getAllowedTopologies().isEmpty()
            ? null : existing.getAllowedTopologies())
        .build();
  }

  private static Map<String, String> labels(String tenant, String region) {
    Map<String, String> labels = new LinkedHashMap<>(Labels.owned(tenant));
    labels.put(Labels.REGION, region);
    return labels;
  }

  /** The region a class of the tenant serves, from its label. */
  static String region(StorageClass storageClass) {
    return storageClass.getMetadata().getLabels().get(Labels.REGION);
  }

  /** The client's key a class of the tenant names, from its annotation. */
  static String keyRef(StorageClass storageClass) {
    Map<String, String> annotations = storageClass.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(KEY_ANNOTATION);
  }

  /** The prefix, tenant and region (shortened if the name would be too long), and the digest. */
  static String name(String tenant, String region, String digest) {
    String readable = tenant + "-" + region;
    int room = MAX_NAME - PREFIX.length() - 1 - DIGEST_LENGTH;
    if (readable.length() > room) {
      readable = readable.substring(0, room).replaceAll("[-.]+$", "");
    }
    return PREFIX + readable + "-" + digest;
  }

  /** Covers what cannot change on a class, and whose class it is, so that no two tenants share a name. */
  private static String digest(String tenant, String region, String provisioner, Map<String, String> parameters) {
    StringBuilder content = new StringBuilder()
        .append(tenant).append('\n').append(region).append('\n').append(provisioner).append('\n')
        .append(RECLAIM_POLICY).append('\n').append(BINDING_MODE).append('\n');
    parameters.forEach((key, value) -> content.append(key).append('=').append(value).append('\n'));
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, DIGEST_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
