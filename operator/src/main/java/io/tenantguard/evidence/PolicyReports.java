package io.tenantguard.evidence;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.ControlStatus;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.kube.DesiredState;
import io.tenantguard.kube.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's controls as a policy report, the format Kyverno, Policy Reporter and other tools read:
 * one cluster-scoped report per tenant, source {@code tenantguard}, one result per control of
 * {@code status.controls[]}. A pure function; {@code PolicyReportKeeper} writes the reports.
 *
 * <p>States become results so that nothing unproven reads as a pass: Enforced and ProviderAttested
 * (the provider attests it outside the cluster) are {@code pass}; Violated is {@code fail};
 * NotEnforced (it applies and nothing enforces or attests it) is {@code warn}; ClientResponsibility
 * and NotApplicable, which tenantguard does not evaluate, are {@code skip}. Each result keeps the
 * state itself in its properties.
 */
public final class PolicyReports {
  public static final String SOURCE = "tenantguard";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final List<String> RESULTS = List.of("pass", "fail", "warn", "error", "skip");

  /** The two report APIs, the newer first: tenantguard writes to the first one installed. */
  public enum Api {
    OPEN_REPORTS("openreports.io", "v1alpha1", "ClusterReport", "clusterreports", true),
    /** Its reports name their source in each result only. */
    WG_POLICY("wgpolicyk8s.io", "v1alpha2", "ClusterPolicyReport", "clusterpolicyreports", false);

    public final String group;
    public final String version;
    public final String kind;
    public final String plural;
    private final boolean reportSource;

    Api(String group, String version, String kind, String plural, boolean reportSource) {
      this.group = group;
      this.version = version;
      this.kind = kind;
      this.plural = plural;
      this.reportSource = reportSource;
    }

    public String apiVersion() {
      return group + "/" + version;
    }

    /** The name of the CustomResourceDefinition that serves it. */
    public String crdName() {
      return plural + "." + group;
    }

    @Override
    public String toString() {
      return kind + " (" + apiVersion() + ")";
    }
  }

  private PolicyReports() {}

  public static String name(String tenant) {
    return SOURCE + "-" + tenant;
  }

  /** The result a state reads as. */
  public static String result(ControlState state) {
    return switch (state) {
      case Enforced, ProviderAttested -> "pass";
      case Violated -> "fail";
      case NotEnforced -> "warn";
      case ClientResponsibility, NotApplicable -> "skip";
    };
  }

  /**
   * The report a tenant's status makes, fingerprinted, or empty while its status lists no control.
   * A result that reads as it did in {@code previous} keeps its timestamp, so that an unchanged
   * tenant gives an unchanged report; a changed one is stamped {@code now}.
   */
  public static Optional<GenericKubernetesResource> desired(
      Api api, Tenant tenant, GenericKubernetesResource previous, Instant now) {
    if (tenant.getStatus() == null || tenant.getStatus().controls().isEmpty()) {
      return Optional.empty();
    }
    Map<String, Map<String, Object>> before = previousResults(previous);
    List<Map<String, Object>> results = new ArrayList<>();
    Map<String, Integer> summary = new LinkedHashMap<>();
    RESULTS.forEach(r -> summary.put(r, 0));
    for (ControlStatus control : tenant.getStatus().controls()) {
      Map<String, Object> result = result(control);
      Map<String, Object> earlier = before.get(control.id());
      Object timestamp = earlier != null && withoutTimestamp(earlier).equals(result)
          ? earlier.get("timestamp")
          : Map.of("seconds", now.getEpochSecond(), "nanos", 0);
      result.put("timestamp", timestamp);
      results.add(result);
      summary.merge((String) result.get("result"), 1, Integer::sum);
    }
    String name = tenant.getMetadata().getName();
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("apiVersion", tenant.getApiVersion());
    scope.put("kind", tenant.getKind());
    scope.put("name", name);
    scope.put("uid", tenant.getMetadata().getUid());
    GenericKubernetesResource report = new GenericKubernetesResourceBuilder()
        .withApiVersion(api.apiVersion())
        .withKind(api.kind)
        .withMetadata(new ObjectMetaBuilder().withName(name(name)).withLabels(Labels.owned(name)).build())
        .addToAdditionalProperties("scope", scope)
        .addToAdditionalProperties("summary", summary)
        .addToAdditionalProperties("results", results)
        .build();
    if (api.reportSource) {
      report.setAdditionalProperty("source", SOURCE);
    }
    // through JSON and back, so that numbers are typed as the API server's answers are
    return Optional.of(DesiredState.fingerprinted(JSON.unmarshal(JSON.asJson(report), GenericKubernetesResource.class)));
  }

  private static Map<String, Object> result(ControlStatus status) {
    Optional<Control> control = Controls.ALL.stream().filter(c -> c.id().equals(status.id())).findFirst();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("source", SOURCE);
    result.put("policy", status.id());
    control.ifPresent(c -> result.put("category", c.framework().name()));
    result.put("result", result(status.state()));
    result.put("message", control.map(Control::title).orElse(status.id()) + ": " + status.state()
        + (status.reason() == null ? "" : " (" + status.reason() + ")"));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("state", status.state().name());
    if (status.reason() != null) {
      properties.put("reason", status.reason());
    }
    control.ifPresent(c -> properties.put("owner", c.owner().name()));
    result.put("properties", properties);
    return result;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> previousResults(GenericKubernetesResource previous) {
    Map<String, Map<String, Object>> byPolicy = new HashMap<>();
    if (previous != null && previous.getAdditionalProperties().get("results") instanceof List<?> results) {
      for (Object result : results) {
        if (result instanceof Map<?, ?> map && map.get("policy") instanceof String policy) {
          byPolicy.put(policy, (Map<String, Object>) map);
        }
      }
    }
    return byPolicy;
  }

  private static Map<String, Object> withoutTimestamp(Map<String, Object> result) {
    Map<String, Object> copy = new LinkedHashMap<>(result);
    copy.remove("timestamp");
    return copy;
  }
}
