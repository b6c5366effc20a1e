package io.tenantguard.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchConditionBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKindBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRefBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.tenantguard.admission.AdmissionPolicy;
import java.util.List;
import java.util.Map;

/**
 * The fence in the API server that {@link LeaseFence} cannot be: a replica's request already
 * handed to its HTTP client when the process froze goes out when it thaws, after another replica
 * may have taken the Lease. The API server refuses every write of the operator's identity sent from
 * a pod (its token names the pod) that is not the Lease's holder, whose identity begins with the pod's
 * name. The Lease itself, and the reviews a replica asks before it leads, stay open. Tokens that name
 * no pod (an operator run outside the cluster) and a missing Lease (leader election never started)
 * are let through: only replicas that elect a leader are fenced. A release in another namespace is
 * another identity, which this policy, rewritten by that release's leader, then names instead.
 */
public final class LeaderOnlyWrites {
  public static final String NAME = "tenantguard-leader-only-writes";
  static final String POD_NAME = "authentication.kubernetes.io/pod-name";

  private LeaderOnlyWrites() {}

  public static List<HasMetadata> objects(String operatorUsername, String leaseNamespace) {
    String pod = "request.userInfo.extra['" + POD_NAME + "'][0]";
    AdmissionPolicy policy = new AdmissionPolicy(
        NAME,
        List.of(AdmissionPolicy.rule("*", List.of("*/*"), "CREATE", "UPDATE", "DELETE")),
        List.of(
            new MatchConditionBuilder().withName("a-replica-of-the-operator")
                .withExpression("request.userInfo.username == '" + operatorUsername + "' && '" + POD_NAME
                    + "' in request.userInfo.extra")
                .build(),
            new MatchConditionBuilder().withName("not-the-lease-nor-a-review")
                .withExpression("!(request.resource.group in ['coordination.k8s.io', 'authentication.k8s.io',"
                    + " 'authorization.k8s.io'])")
                .build()),
        List.of(),
        List.of(new ValidationBuilder()
            .withExpression("has(params.spec.holderIdentity) && params.spec.holderIdentity.startsWith(" + pod + " + '_')")
            .withMessageExpression("'pod ' + " + pod + " + ' does not hold the Lease " + OperatorSettings.LEASE_NAME
                + " (held by ' + (has(params.spec.holderIdentity) ? params.spec.holderIdentity : 'nobody')"
                + " + '): only the leader of tenantguard writes'")
            .withReason("Forbidden")
            .build()),
        Map.of());
    return policy.objects(
        new ParamKindBuilder().withApiVersion("coordination.k8s.io/v1").withKind("Lease").build(),
        new ParamRefBuilder().withName(OperatorSettings.LEASE_NAME).withNamespace(leaseNamespace)
            .withParameterNotFoundAction("Allow").build());
  }
}
