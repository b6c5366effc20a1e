package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.tenantguard.api.v1alpha1.classification.Requirements;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.Network;
import io.tenantguard.kube.Labels;
import io.tenantguard.placement.RegionPinningPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Namespace object of one tenant namespace: labelled, Pod Security restricted, pinned, and
 * marked with its network isolation and the flows its Tenant declares, which the admission
 * policies read.
 */
public final class TenantNamespaces {
  static final String POD_SECURITY = "pod-security.kubernetes.io/";
  /** Read by the PodNodeSelector admission plugin, where the cluster runs it. */
  public static final String NODE_SELECTOR_ANNOTATION = "scheduler.alpha.kubernetes.io/node-selector";
  /** The classification's network isolation, Standard or Strict: what the escape policies key on. */
  public static final String NETWORK_ISOLATION_LABEL = "tenantguard.io/network-isolation";

  private TenantNamespaces() {}

  /**
   * @param region the namespace's Region, or null when it is unknown (a retained namespace whose
   *     Region was deleted): the namespace then carries no node selector annotation
   * @param pinned whether its pods must select the region's nodes (the region pinning policy)
   * @param requirements the classification's requirements ({@link Requirements#NONE} when unknown)
   * @param network the flows the Tenant declares
   */
  public static Namespace desired(
      String tenant, String name, String regionName, String classification, Region region, boolean pinned,
      Requirements requirements, Network network) {
    Map<String, String> labels = new LinkedHashMap<>(Labels.owned(tenant));
    labels.put(Labels.REGION, regionName);
    labels.put(Labels.CLASSIFICATION, classification);
    for (String mode : new String[] {"enforce", "audit", "warn"}) {
      labels.put(POD_SECURITY + mode, "restricted");
      labels.put(POD_SECURITY + mode + "-version", "latest");
    }
    if (pinned && region != null) {
      labels.put(RegionPinningPolicy.PINNED_LABEL, "true");
    }
    labels.put(NETWORK_ISOLATION_LABEL, requirements.networkIsolation().name());
    NamespaceBuilder namespace =
        new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
            .withAnnotations(DeclaredFlows.annotations(network, requirements.networkIsolation())).endMetadata();
    if (region != null) {
      namespace.editMetadata().addToAnnotations(NODE_SELECTOR_ANNOTATION, nodeSelector(region)).endMetadata();
    }
    return namespace.build();
  }

  /** The region's node selector as PodNodeSelector writes it: key=value pairs, sorted, comma-separated. */
  static String nodeSelector(Region region) {
    return new TreeMap<>(region.getSpec().nodeSelector())
        .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }
}
