package io.tenantguard.placement;

import io.tenantguard.api.v1alpha1.region.Region;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Whether a node's labels put it in a region, and how a namespace names its region's nodes. */
public final class NodeSelection {
  /** Read by the PodNodeSelector admission plugin, where the cluster runs it, and by the pinning policy. */
  public static final String NODE_SELECTOR_ANNOTATION = "scheduler.alpha.kubernetes.io/node-selector";

  private NodeSelection() {}

  /** The region's node selector as PodNodeSelector writes it: key=value pairs, sorted, comma-separated. */
  public static String annotation(Region region) {
    return new TreeMap<>(region.getSpec().nodeSelector())
        .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  /** A node is in a region when it carries every label of the region's nodeSelector. */
  public static boolean inRegion(Region region, Map<String, String> nodeLabels) {
    Map<String, String> selector = region.getSpec().nodeSelector();
    return !selector.isEmpty()
        && nodeLabels != null
        && selector.entrySet().stream()
            .allMatch(label -> label.getValue().equals(nodeLabels.get(label.getKey())));
  }
}
