package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKindBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.tenantguard.admission.AdmissionPolicy;
import io.tenantguard.kube.Labels;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fail closed: no workload starts in a tenant namespace that lacks an object isolating or bounding
 * it. One policy per object (the ResourceQuota, the LimitRange, the default-deny NetworkPolicy) reads
 * it as its parameter from the request's namespace; where it is missing (not applied yet, refused by
 * the API server, deleted), the API server denies creating pods and workloads, naming the policy of
 * what is missing, until tenantguard has applied it. A namesake that is not tenantguard's does not
 * count. Everyone is held to it, cluster admins and the control plane's own controllers included.
 */
public final class IsolationRequired {
  public static final String QUOTA = "tenantguard-requires-resourcequota";
  public static final String LIMITS = "tenantguard-requires-limitrange";
  public static final String DEFAULT_DENY = "tenantguard-requires-default-deny";

  private IsolationRequired() {}

  public static List<HasMetadata> objects() {
    return Stream.of(
            required(QUOTA, kind("v1", "ResourceQuota"), Quotas.QUOTA),
            required(LIMITS, kind("v1", "LimitRange"), Quotas.LIMITS),
            required(DEFAULT_DENY, kind("networking.k8s.io/v1", "NetworkPolicy"), NetworkPolicies.DEFAULT_DENY))
        .flatMap(List::stream)
        .toList();
  }

  private static List<HasMetadata> required(String name, ParamKind kind, String object) {
    String managed = "'" + Labels.MANAGED_BY + "'";
    String what = kind.getKind() + " " + object;
    return new AdmissionPolicy(
        name,
        List.of(
            AdmissionPolicy.rule("", List.of("pods"), "CREATE"),
            AdmissionPolicy.rule("apps", List.of("deployments", "statefulsets", "daemonsets", "replicasets"), "CREATE"),
            AdmissionPolicy.rule("batch", List.of("jobs", "cronjobs"), "CREATE")),
        List.of(),
        List.of(),
        List.of(new ValidationBuilder()
            .withExpression("has(params.metadata.labels) && " + managed + " in params.metadata.labels"
                + " && params.metadata.labels[" + managed + "] == '" + Labels.MANAGER + "'")
            .withMessageExpression("'the " + what + " of namespace ' + namespaceObject.metadata.name"
                + " + ' is not tenantguard\\'s: no workload starts before tenantguard has applied its own'")
            .withReason("Forbidden")
            .build()),
        Map.of(Labels.MANAGED_BY, Labels.MANAGER))
        .objects(kind, object);
  }

  private static ParamKind kind(String apiVersion, String kind) {
    return new ParamKindBuilder().withApiVersion(apiVersion).withKind(kind).build();
  }
}
