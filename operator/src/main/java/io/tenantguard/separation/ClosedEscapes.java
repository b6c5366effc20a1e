package io.tenantguard.separation;

import java.util.List;

/**
 * The ways out of a tenant's box that separation closes, and what closes each: a pure description
 * for the evidence of the separation controls (SNC 9.7, SNC 13.2, ISO 27001 A.13.1.3), kept beside
 * the code that closes them. docs/security.md tells the same list in prose.
 */
public final class ClosedEscapes {
  /** What enforces the closure. */
  public enum Mechanism {
    /** The tenant ClusterRoles do not grant the verb. */
    RBAC,
    /** A ValidatingAdmissionPolicy tenantguard maintains refuses the request. */
    ADMISSION_POLICY,
    /** The namespace's ResourceQuota refuses what exceeds it. */
    RESOURCE_QUOTA,
    /** Pod Security Admission, level restricted, refuses the pod. */
    POD_SECURITY
  }

  /**
   * One escape closed.
   *
   * @param id stable identifier, the CVE first where there is one
   * @param closes what a tenant could otherwise do, in a sentence
   * @param by the kind of enforcement
   * @param enforcedBy the object that enforces it: policy, role or quota names
   * @param references the published vulnerabilities of this class (empty when none)
   */
  public record Escape(String id, String closes, Mechanism by, String enforcedBy, List<String> references) {}

  private static final String TENANT_ROLES = String.join(", ", TenantRoles.all().stream()
      .map(role -> role.getMetadata().getName()).toList());

  private static final List<Escape> ALL = List.of(
      new Escape("CVE-2020-8554-external-ips",
          "a Service's spec.externalIPs makes the cluster send every pod's and node's traffic for those addresses"
              + " to the tenant's pods",
          Mechanism.ADMISSION_POLICY, ServiceInterceptionPolicy.NAME, List.of("CVE-2020-8554")),
      new Escape("CVE-2020-8554-load-balancer-ip",
          "a Service's spec.loadBalancerIP claims an address, possibly another tenant's or the platform's",
          Mechanism.ADMISSION_POLICY, ServiceInterceptionPolicy.NAME, List.of("CVE-2020-8554")),
      new Escape("CVE-2020-8554-load-balancer-status",
          "writing a Service's status.loadBalancer.ingress makes kube-proxy route traffic for that address to the"
              + " tenant's pods",
          Mechanism.RBAC, TENANT_ROLES + " grant no services/status", List.of("CVE-2020-8554")),
      new Escape("CVE-2021-25740-endpoints",
          "Endpoints or EndpointSlices written by hand point a Service, and the load balancers and ingress"
              + " controllers that trust it, at another tenant's or the platform's addresses",
          Mechanism.RBAC, TENANT_ROLES + " only read endpoints and endpointslices",
          List.of("CVE-2021-25740", "CVE-2021-25737")),
      new Escape("CVE-2021-25740-external-name",
          "an ExternalName Service naming a cluster-internal or local host makes an ingress controller or proxy"
              + " forward the tenant's requests there; under Strict isolation, any ExternalName",
          Mechanism.ADMISSION_POLICY, ServiceInterceptionPolicy.NAME, List.of("CVE-2021-25740", "CVE-2021-32783")),
      new Escape("CVE-2020-8562-api-server-proxy",
          "the API server's proxy subresources reach pods, Services and nodes, loopback and link-local addresses"
              + " included, from the control plane's network",
          Mechanism.RBAC, TENANT_ROLES + " grant no pods/proxy, services/proxy nor nodes/proxy",
          List.of("CVE-2020-8562", "CVE-2020-8555")),
      new Escape("CVE-2020-8561-webhook-redirect",
          "an admission webhook configured by the tenant makes the API server call internal addresses",
          Mechanism.RBAC, TENANT_ROLES + " grant nothing cluster-scoped", List.of("CVE-2020-8561")),
      new Escape("host-network",
          "a pod on the host network, or with a host port, sees or takes the node's traffic",
          Mechanism.POD_SECURITY, "pod-security.kubernetes.io/enforce=restricted", List.of()),
      new Escape("node-ports-and-load-balancers",
          "NodePort and LoadBalancer Services open the tenant to outside the cluster where its classification"
              + " does not allow it",
          Mechanism.RESOURCE_QUOTA, Quotas.QUOTA + " (services.nodeports, services.loadbalancers)", List.of()),
      new Escape("strict-self-opened-networks",
          "under Strict isolation, a NetworkPolicy of the tenant's own allows peers beyond its namespaces and"
              + " declared flows (ipBlock, other namespaces, every source or destination)",
          Mechanism.ADMISSION_POLICY, StrictNetworkPolicies.NAME, List.of()),
      new Escape("managed-object-tampering",
          "changing, deleting or forging the RoleBindings, NetworkPolicies, quota and limits tenantguard manages",
          Mechanism.ADMISSION_POLICY, ManagedObjectProtection.NAME, List.of()),
      new Escape("control-plane-exhaustion",
          "filling the nodes or the control plane at other tenants' expense: compute, ephemeral storage, storage"
              + " and objects of every kind a tenant role may create",
          Mechanism.RESOURCE_QUOTA, Quotas.QUOTA + " and " + Quotas.LIMITS, List.of()));

  private ClosedEscapes() {}

  public static List<Escape> all() {
    return ALL;
  }
}
