package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

public record NetworkPort(
    @JsonPropertyDescription("Port number.") @Required @Min(1) @Max(65535) Integer port,
    @JsonPropertyDescription("TCP, UDP or SCTP (default TCP).") @Default("TCP") Protocol protocol) {

  /** Transport protocols a NetworkPolicy port can name. */
  public enum Protocol {
    TCP,
    UDP,
    SCTP
  }
}
