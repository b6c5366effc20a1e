package io.tenantguard.placement;

import io.tenantguard.api.v1alpha1.region.Region;
import java.util.Map;

/** Whether a node's labels put it in a region. */
public final class NodeSelection {
  private NodeSelection() {}

  /** A node is in a region when it carries every label of the region's nodeSelector. */
  public static boolean inRegion(Region region, Map<String, String> nodeLabels) {
    Map<String, String> selector = region.getSpec().nodeSelector();
    return !selector.isEmpty()
        && nodeLabels != null
        && selector.entrySet().stream()
            .allMatch(label -> label.getValue().equals(nodeLabels.get(label.getKey())));
  }
}
