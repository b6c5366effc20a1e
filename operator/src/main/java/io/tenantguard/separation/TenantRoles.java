package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.tenantguard.api.v1alpha1.tenant.TenantRole;
import io.tenantguard.kube.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tenant ClusterRoles, bound only inside tenant namespaces. They name resources one by
 * one, never a wildcard, so that a kind added to the cluster later is not granted by accident.
 */
public final class TenantRoles {
  static final List<String> READ = List.of("get", "list", "watch");
  static final List<String> WRITE =
      List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");

  /** What runs and configures a workload: developers and admins write it, viewers read it. */
  private static final Map<String, List<String>> WORKLOADS =
      Map.of(
          "", List.of("pods", "services", "configmaps", "persistentvolumeclaims", "serviceaccounts"),
          "apps", List.of("deployments", "deployments/scale", "statefulsets", "statefulsets/scale", "replicasets", "replicasets/scale"),
          "batch", List.of("jobs", "cronjobs"),
          "autoscaling", List.of("horizontalpodautoscalers"),
          "networking.k8s.io", List.of("ingresses"),
          "policy", List.of("poddisruptionbudgets"));
  /**
   * Where Services send traffic: readable by every tenant role, written only by the control plane.
   * An address written by hand would make the cluster forward traffic wherever it points
   * (CVE-2021-25740, CVE-2021-25737), so no tenant role writes them.
   */
  static final Map<String, List<String>> SERVICE_BACKENDS =
      Map.of("", List.of("endpoints"), "discovery.k8s.io", List.of("endpointslices"));
  /** Reading these exposes data or a shell, so auditors and viewers do not get them. */
  private static final List<String> DATA_ACCESS = List.of("secrets", "pods/log", "pods/exec", "pods/attach", "pods/portforward");
  /** The tenant's own access and network rules; managed ones are protected by admission. */
  private static final Map<String, List<String>> TENANT_POLICY =
      Map.of(
          "rbac.authorization.k8s.io", List.of("roles", "rolebindings"),
          "networking.k8s.io", List.of("networkpolicies"));
  /** What the platform sets: readable by the tenant, never writable. */
  private static final Map<String, List<String>> PLATFORM_SET =
      Map.of("", List.of("resourcequotas", "limitranges", "events", "namespaces"));

  /**
   * Reads every object of a tenant namespace, Secrets included, and changes nothing: what admins
   * and developers keep while their tenant is Suspended, and the admins' recovery access to a
   * terminated tenant's data until its deadline. Bound by tenantguard only; no spec.access role.
   */
  public static final String READONLY = "tenantguard-readonly";

  private TenantRoles() {}

  public static String clusterRoleName(TenantRole role) {
    return role.clusterRoleName();
  }

  public static List<ClusterRole> all() {
    return List.of(
        clusterRole(clusterRoleName(TenantRole.admin), admin()),
        clusterRole(clusterRoleName(TenantRole.developer), developer()),
        clusterRole(clusterRoleName(TenantRole.viewer), viewer()),
        clusterRole(clusterRoleName(TenantRole.auditor), auditor()),
        clusterRole(READONLY, readonly()));
  }

  private static List<PolicyRule> admin() {
    List<PolicyRule> rules = developer();
    rules.addAll(rules(TENANT_POLICY, WRITE));
    return rules;
  }

  private static List<PolicyRule> developer() {
    List<PolicyRule> rules = new ArrayList<>(rules(WORKLOADS, WRITE));
    rules.addAll(rules(SERVICE_BACKENDS, READ));
    rules.add(rule("", DATA_ACCESS, List.of("get", "list", "watch", "create", "update", "patch", "delete")));
    rules.addAll(rules(TENANT_POLICY, READ));
    rules.addAll(rules(PLATFORM_SET, READ));
    return rules;
  }

  private static List<PolicyRule> viewer() {
    List<PolicyRule> rules = new ArrayList<>(rules(WORKLOADS, READ));
    rules.addAll(rules(SERVICE_BACKENDS, READ));
    rules.addAll(rules(PLATFORM_SET, READ));
    return rules;
  }

  /** Reads configuration and access rules to audit them, never data nor a shell. */
  private static List<PolicyRule> auditor() {
    List<PolicyRule> rules = viewer();
    rules.addAll(rules(TENANT_POLICY, READ));
    return rules;
  }

  /** What the admin reads, nothing written: logs, but no shell nor port forward (they are writes). */
  private static List<PolicyRule> readonly() {
    List<PolicyRule> rules = new ArrayList<>(rules(WORKLOADS, READ));
    rules.addAll(rules(SERVICE_BACKENDS, READ));
    rules.add(rule("", List.of("secrets", "pods/log"), READ));
    rules.addAll(rules(TENANT_POLICY, READ));
    rules.addAll(rules(PLATFORM_SET, READ));
    return rules;
  }

  /**
   * Every kind some tenant role may create, by API group ("" for the core group), subresources
   * left out: what the ResourceQuota must count so that no tenant can fill the control plane.
   */
  public static Map<String, List<String>> creatableKinds() {
    Map<String, Set<String>> kinds = new TreeMap<>();
    for (ClusterRole role : all()) {
      for (PolicyRule rule : role.getRules()) {
        if (!rule.getVerbs().contains("create")) {
          continue;
        }
        for (String group : rule.getApiGroups()) {
          rule.getResources().stream()
              .filter(resource -> !resource.contains("/"))
              .forEach(resource -> kinds.computeIfAbsent(group, g -> new TreeSet<>()).add(resource));
        }
      }
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    kinds.forEach((group, resources) -> result.put(group, List.copyOf(resources)));
    return result;
  }

  private static List<PolicyRule> rules(Map<String, List<String>> resourcesByGroup, List<String> verbs) {
    return resourcesByGroup.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(group -> rule(group.getKey(), group.getValue(), verbs))
        .toList();
  }

  private static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
    return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
  }

  private static ClusterRole clusterRole(String name, List<PolicyRule> rules) {
    return new ClusterRoleBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER))
        .endMetadata()
        .withRules(rules)
        .build();
  }
}
