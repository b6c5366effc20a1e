package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Flows allowed besides the tenant's own traffic and cluster DNS; everything else is denied. */
public record Network(
    @JsonPropertyDescription("Sources allowed to reach the tenant's namespaces.") @Size(max = 32)
        List<NetworkPeer> ingress,
    @JsonPropertyDescription("Destinations the tenant's namespaces may reach.") @Size(max = 32)
        List<NetworkPeer> egress) {

  public static final Network NONE = new Network(null, null);

  public Network {
    ingress = ingress == null ? List.of() : List.copyOf(ingress);
    egress = egress == null ? List.of() : List.copyOf(egress);
  }
}
