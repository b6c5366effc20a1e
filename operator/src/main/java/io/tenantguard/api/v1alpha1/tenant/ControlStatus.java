package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One control of the responsibility matrix for this tenant, compact: the conditions carry the detail. */
public record ControlStatus(
    @JsonPropertyDescription("Control id as the matrix labels it: framework, dash, clause (SNC-9.7, HDS-4.4.7.1-provider, ISO27001-A.13.1.3).")
        String id,
    @JsonPropertyDescription("Enforced, Violated, NotEnforced, ClientResponsibility, ProviderAttested or NotApplicable.")
        ControlState state,
    @JsonPropertyDescription("Why, in one word; the condition of the capability that evaluates it has the message.")
        String reason,
    @JsonPropertyDescription("For a ProviderAttested control: the reference of the provider's attestation, from the operator's configuration.")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String attestation) {

  public ControlStatus(String id, ControlState state, String reason) {
    this(id, state, reason, null);
  }
}
