package io.tenantguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The legal area a region falls under: SecNumCloud requires EU jurisdiction. */
public enum Jurisdiction {
  EU,
  @JsonProperty("non-EU")
  NON_EU
}
