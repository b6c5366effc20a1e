package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.VariableBuilder;
import io.tenantguard.admission.AdmissionPolicy;
import io.tenantguard.admission.PlatformRequests;
import io.tenantguard.api.v1alpha1.classification.NetworkIsolation;
import io.tenantguard.kube.Labels;
import java.util.List;
import java.util.Map;

/**
 * Under {@code Strict} network isolation, a NetworkPolicy a tenant writes may allow only what
 * tenantguard's own policies already allow: its own namespaces and the flows its Tenant declares in
 * {@code spec.network} (peers and ports, read from the namespace's {@link DeclaredFlows}
 * annotations). Any other {@code ipBlock}, any {@code namespaceSelector} that reaches beyond the
 * tenant, and any rule without peers (every source or destination) is refused, with each refused
 * peer named. A peer is inside the tenant when it selects pods of the policy's own namespace, or
 * namespaces whose {@code matchLabels} hold {@code tenantguard.io/tenant: <this tenant>} (further
 * labels or expressions only narrow it) or this namespace's own name. Under {@code Standard} a
 * tenant's NetworkPolicies stay free; tenantguard's and the control plane's requests are not
 * judged.
 */
public final class StrictNetworkPolicies {
  public static final String NAME = "tenantguard-strict-network-policies";
  private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

  private StrictNetworkPolicies() {}

  public static AdmissionPolicy policy(String operatorUsername) {
    return new AdmissionPolicy(
        NAME,
        List.of(AdmissionPolicy.rule("networking.k8s.io", List.of("networkpolicies"), "CREATE", "UPDATE")),
        List.of(PlatformRequests.notThePlatform(operatorUsername)),
        List.of(
            variable("tenant", "namespaceObject.metadata.labels['" + Labels.TENANT + "']"),
            variable("ingressFlows", flows(DeclaredFlows.INGRESS_ANNOTATION)),
            variable("egressFlows", flows(DeclaredFlows.EGRESS_ANNOTATION)),
            variable("ingressRefused", refused("ingress", "from", "variables.ingressFlows", "every source")),
            variable("egressRefused", refused("egress", "to", "variables.egressFlows", "every destination"))),
        List.of(
            new ValidationBuilder()
                .withExpression("variables.ingressRefused.size() == 0 && variables.egressRefused.size() == 0")
                .withMessageExpression(
                    "'" + NAME + ": namespace ' + namespaceObject.metadata.name + ' is under Strict network isolation:"
                        + " a tenant\\'s NetworkPolicy may allow only the tenant\\'s own namespaces (namespaceSelector "
                        + Labels.TENANT + "=' + variables.tenant + ') and the flows its Tenant declares in"
                        + " spec.network (peers and ports); refused: '"
                        + " + (variables.ingressRefused + variables.egressRefused).join('; ')")
                .withReason("Forbidden")
                .build()),
        Map.of(SeparationCapability.NETWORK_ISOLATION_LABEL, NetworkIsolation.Strict.name()));
  }

  private static String flows(String annotation) {
    return "has(namespaceObject.metadata.annotations) && '" + annotation + "' in namespaceObject.metadata.annotations"
        + " ? namespaceObject.metadata.annotations['" + annotation + "'].split(',') : []";
  }

  /**
   * The refused peers of every rule of one direction, one string per rule that has any: the rule's
   * peers, each inside the tenant or matching a declared flow whose ports (if it names some) hold
   * every port of the rule.
   */
  private static String refused(String direction, String peers, String flows, String everything) {
    String rules = "(has(object.spec." + direction + ") ? object.spec." + direction + " : [])";
    return rules + ".map(r, !has(r." + peers + ") || r." + peers + ".size() == 0"
        + " ? '" + direction + " " + peers + " " + everything + " (a rule without " + peers + ")'"
        + " : r." + peers + ".filter(p, !(" + inside() + " || " + declared(flows) + "))"
        + ".map(p, '" + direction + " " + peers + " ' + " + describe(flows) + ").join(', '))"
        + ".filter(s, s != '')";
  }

  /** Peer {@code p} selects pods of this namespace or namespaces of this tenant only. */
  private static String inside() {
    String labels = "p.namespaceSelector.matchLabels";
    return "(!has(p.ipBlock) && (!has(p.namespaceSelector) || (has(" + labels + ")"
        + " && (('" + Labels.TENANT + "' in " + labels + " && " + labels + "['" + Labels.TENANT + "'] == variables.tenant)"
        + " || ('" + NAMESPACE_NAME + "' in " + labels + " && " + labels + "['" + NAMESPACE_NAME + "']"
        + " == namespaceObject.metadata.name)))))";
  }

  /** Peer {@code p} of rule {@code r} is one of {@code flows}, within the ports the flow names. */
  private static String declared(String flows) {
    return flows + ".exists(f, " + target() + " && " + ports() + ")";
  }

  /** Peer {@code p} is the peer of flow {@code f}, whatever the ports. */
  private static String target() {
    String target = "f.split('|')[0]";
    String value = target + ".split('=')[1]";
    String labels = "p.namespaceSelector.matchLabels";
    String selects = "!has(p.ipBlock) && has(p.namespaceSelector) && has(" + labels + ") && '%1$s' in " + labels
        + " && " + labels + "['%1$s'] == " + value;
    return "(" + target + ".startsWith('cidr=') ? has(p.ipBlock) && cidr(" + value + ").containsCIDR(p.ipBlock.cidr)"
        + " : " + target + ".startsWith('tenant=') ? " + String.format(selects, Labels.TENANT)
        + " : " + target + ".startsWith('namespace=') && " + String.format(selects, NAMESPACE_NAME) + ")";
  }

  /** Every port of rule {@code r} is one flow {@code f} names, or {@code f} names none (every port). */
  private static String ports() {
    return "(f.split('|').size() == 1 || (has(r.ports) && r.ports.size() > 0 && r.ports.all(q, has(q.port)"
        + " && !has(q.endPort) && ((has(q.protocol) ? q.protocol : 'TCP') + '/' + string(q.port)) in f.split('|'))))";
  }

  /**
   * Peer {@code p} in words: ipBlock 0.0.0.0/0, namespaceSelector {} (every namespace), ..., and
   * whether it is a declared peer reached on ports the declaration does not name.
   */
  private static String describe(String flows) {
    String selector = "p.namespaceSelector";
    String hasLabels = "(has(" + selector + ".matchLabels) && " + selector + ".matchLabels.size() > 0)";
    String hasExpressions = "(has(" + selector + ".matchExpressions) && " + selector + ".matchExpressions.size() > 0)";
    String labels = selector + ".matchLabels.map(k, k + '=' + " + selector + ".matchLabels[k]).join(',')";
    String expressions = "'matchExpressions ' + " + selector + ".matchExpressions.map(e, e.key + ' ' + e.operator"
        + " + (has(e.values) ? ' ' + e.values.join('|') : '')).join(',')";
    return "(has(p.ipBlock) ? 'ipBlock ' + p.ipBlock.cidr"
        + " : !has(" + selector + ") ? 'podSelector'"
        + " : !" + hasLabels + " && !" + hasExpressions + " ? 'namespaceSelector {} (every namespace)'"
        + " : 'namespaceSelector ' + [" + hasLabels + " ? " + labels + " : '', " + hasExpressions + " ? "
        + expressions + " : ''].filter(s, s != '').join(' '))"
        + " + (" + flows + ".exists(f, " + target() + ") ? ' on ports its declared flow does not name' : '')";
  }

  private static Variable variable(String name, String expression) {
    return new VariableBuilder().withName(name).withExpression(expression).build();
  }
}
