package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.tenantguard.api.v1alpha1.Names;
import io.tenantguard.api.v1alpha1.Patterns;
import java.util.List;

@ValidationRule(
    value = "[has(self.tenant), has(self.__namespace__), has(self.cidr)].filter(x, x).size() == 1",
    message = "exactly one of tenant, namespace or cidr must be set",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = "!has(self.cidr) || isCIDR(self.cidr)",
    message = "must be a CIDR such as 203.0.113.0/24",
    fieldPath = ".cidr",
    reason = "FieldValueInvalid")
public record NetworkPeer(
    @JsonPropertyDescription("Another tenant, all of whose namespaces are the peer (it must allow the flow too).")
        @Size(max = Names.MAX_LENGTH)
        @Pattern(Patterns.DNS_SUBDOMAIN)
        String tenant,
    @JsonPropertyDescription("A namespace outside the tenant, such as the ingress controller's.") @Size(max = 63)
        @Pattern(Patterns.DNS_LABEL)
        String namespace,
    @JsonPropertyDescription("An IP block in CIDR notation, such as 203.0.113.0/24.")
        @Size(max = 64)
        String cidr,
    @JsonPropertyDescription("Ports the flow may use; empty means every port.") @Size(max = 16) List<NetworkPort> ports) {

  public NetworkPeer {
    ports = ports == null ? List.of() : List.copyOf(ports);
  }
}
