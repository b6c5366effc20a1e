package io.tenantguard.admission;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchConditionBuilder;

/** Which requests the tenant-facing policies judge: those of anyone but tenantguard, the control plane and cluster admins. */
public final class PlatformRequests {
  private PlatformRequests() {}

  public static MatchCondition notThePlatform(String operatorUsername) {
    return new MatchConditionBuilder()
        .withName("not-tenantguard-or-the-control-plane")
        .withExpression(
            "request.userInfo.username != '" + operatorUsername + "'"
                + " && request.userInfo.username != 'system:kube-controller-manager'"
                + " && !request.userInfo.username.startsWith('system:serviceaccount:kube-system:')"
                + " && !('system:masters' in request.userInfo.groups)")
        .build();
  }
}
