package io.tenantguard.encryption;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchConditionBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.VariableBuilder;
import io.tenantguard.admission.AdmissionPolicy;
import io.tenantguard.api.v1alpha1.Requirement;
import io.tenantguard.kube.Labels;
import java.util.List;
import java.util.Map;

/**
 * Where a classification requires encryption in transit, an Ingress serves only over TLS: every
 * rule names a host that a {@code spec.tls} entry covers (exactly, or by a wildcard of one label),
 * no rule without a host and no {@code defaultBackend} (both answer any host name, which no
 * certificate covers), and the HTTPS redirect of ingress-nginx is not turned off. Judged on
 * creation and on a change of the spec or of that annotation, so that an Ingress admitted before
 * the requirement can still be deleted and have its finalizers removed.
 */
public final class IngressTlsPolicy {
  public static final String NAME = "tenantguard-ingress-tls";
  static final String SSL_REDIRECT = "nginx.ingress.kubernetes.io/ssl-redirect";

  private IngressTlsPolicy() {}

  public static AdmissionPolicy policy() {
    String requires = "': namespace ' + namespaceObject.metadata.name + ' (classification ' + namespaceObject.metadata"
        + ".labels['" + Labels.CLASSIFICATION + "'] + ') requires encryption in transit'";
    return new AdmissionPolicy(
        NAME,
        List.of(AdmissionPolicy.rule("networking.k8s.io", List.of("ingresses"), "CREATE", "UPDATE")),
        List.of(new MatchConditionBuilder()
            .withName("created-or-its-spec-changed")
            .withExpression("request.operation == 'CREATE' || object.spec != oldObject.spec"
                + " || " + redirect("object") + " != " + redirect("oldObject"))
            .build()),
        List.of(
            new VariableBuilder().withName("rules")
                .withExpression("has(object.spec.rules) ? object.spec.rules : []").build(),
            new VariableBuilder().withName("uncovered").withExpression(
                "variables.rules.filter(r, has(r.host) && r.host != '' && !(has(object.spec.tls)"
                    + " && object.spec.tls.exists(t, has(t.hosts) && t.hosts.exists(h, h == r.host"
                    + " || (h.startsWith('*.') && !r.host.startsWith('*.') && r.host.contains('.')"
                    + " && r.host.substring(r.host.indexOf('.')) == h.substring(1))))))"
                    + ".map(r, r.host)").build()),
        List.of(
            validation("!has(object.spec.defaultBackend)",
                "'Ingress ' + object.metadata.name + ': spec.defaultBackend is refused' + " + requires
                    + " + ': it answers any host name, which no TLS certificate covers; route each host in a rule"
                    + " and list it in spec.tls'"),
            validation("variables.rules.all(r, has(r.host) && r.host != '')",
                "'Ingress ' + object.metadata.name + ': a rule without host is refused' + " + requires
                    + " + ': it answers any host name, which no TLS certificate covers; name its host and list it"
                    + " in spec.tls'"),
            validation("variables.uncovered.size() == 0",
                "'Ingress ' + object.metadata.name + ': no spec.tls entry covers ' + variables.uncovered.join(', ')"
                    + " + ' (list each host in a spec.tls entry with its certificate\\'s Secret)' + " + requires),
            validation(redirect("object") + " != 'false'",
                "'Ingress ' + object.metadata.name + ': annotation " + SSL_REDIRECT + ": \"false\" serves the"
                    + " hosts over plain HTTP too' + " + requires)),
        Map.of(Labels.MANAGED_BY, Labels.MANAGER, EncryptionCapability.IN_TRANSIT_LABEL, Requirement.Required.name()));
  }

  /** The ingress-nginx HTTPS redirect annotation of an Ingress, lower case, or '' when unset. */
  private static String redirect(String root) {
    return "(has(" + root + ".metadata.annotations) && '" + SSL_REDIRECT + "' in " + root + ".metadata.annotations"
        + " ? " + root + ".metadata.annotations['" + SSL_REDIRECT + "'].lowerAscii() : '')";
  }

  private static Validation validation(String expression, String message) {
    return new ValidationBuilder().withExpression(expression).withMessageExpression(message).withReason("Forbidden")
        .build();
  }
}
