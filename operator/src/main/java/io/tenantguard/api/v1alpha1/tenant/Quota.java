package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;

/** Ceilings of one namespace; integers and quantities both work (pods: 20 or pods: "20"). */
public record Quota(
    @JsonPropertyDescription("Total CPU requests and limits, such as 4 or 4000m.") Quantity cpu,
    @JsonPropertyDescription("Total memory requests and limits, such as 8Gi.") Quantity memory,
    @JsonPropertyDescription("Total storage requested by persistent volume claims, such as 100Gi.") Quantity storage,
    @JsonPropertyDescription("Number of pods.") Quantity pods,
    @JsonPropertyDescription("Number of services.") Quantity services,
    @JsonPropertyDescription("Number of config maps.") Quantity configMaps,
    @JsonPropertyDescription("Number of secrets.") Quantity secrets,
    @JsonPropertyDescription("Number of persistent volume claims.") Quantity persistentVolumeClaims) {

  public static final Quota NONE = new Quota(null, null, null, null, null, null, null, null);

  /** This quota with every field it leaves unset taken from {@code fallback}. */
  public Quota over(Quota fallback) {
    return new Quota(
        first(cpu, fallback.cpu),
        first(memory, fallback.memory),
        first(storage, fallback.storage),
        first(pods, fallback.pods),
        first(services, fallback.services),
        first(configMaps, fallback.configMaps),
        first(secrets, fallback.secrets),
        first(persistentVolumeClaims, fallback.persistentVolumeClaims));
  }

  private static Quantity first(Quantity preferred, Quantity fallback) {
    return preferred != null ? preferred : fallback;
  }
}
