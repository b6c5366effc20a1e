package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Container defaults written into each namespace's LimitRange. */
public record Limits(
    @JsonPropertyDescription("Requests given to containers that set none.") Resources defaultRequest,
    @JsonProperty("default") @JsonPropertyDescription("Limits given to containers that set none.")
        Resources defaultLimit,
    @JsonPropertyDescription("The most one container may ask for.") Resources max) {

  public static final Limits NONE = new Limits(null, null, null);

  /**
   * These limits with every resource they leave unset taken from {@code fallback}, section by
   * section: a Tenant that sets default CPU and memory still gets the default ephemeral storage.
   */
  public Limits over(Limits fallback) {
    return new Limits(
        over(defaultRequest, fallback.defaultRequest),
        over(defaultLimit, fallback.defaultLimit),
        over(max, fallback.max));
  }

  private static Resources over(Resources preferred, Resources fallback) {
    return preferred != null ? preferred.over(fallback) : fallback;
  }
}
