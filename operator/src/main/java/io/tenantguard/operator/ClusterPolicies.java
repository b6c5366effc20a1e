package io.tenantguard.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.placement.RegionPinningPolicy;
import io.tenantguard.separation.ManagedObjectProtection;
import io.tenantguard.separation.ServiceInterceptionPolicy;
import io.tenantguard.separation.StrictNetworkPolicies;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide admission policies the operator maintains, applied at start with server-side
 * apply. The protection policy exempts the operator's own identity, which it asks the API server.
 */
public final class ClusterPolicies {
  public static final String FIELD_MANAGER = "tenantguard";
  private static final Logger LOG = LoggerFactory.getLogger(ClusterPolicies.class);

  private ClusterPolicies() {}

  public static List<HasMetadata> desired(String operatorUsername) {
    List<HasMetadata> objects = new ArrayList<>(ManagedObjectProtection.policy(operatorUsername).objects());
    objects.addAll(RegionPinningPolicy.policy().objects());
    objects.addAll(ServiceInterceptionPolicy.policy().objects());
    objects.addAll(StrictNetworkPolicies.policy(operatorUsername).objects());
    return objects;
  }

  public static void apply(KubernetesClient client) {
    String username =
        client.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview()).getStatus().getUserInfo().getUsername();
    for (HasMetadata object : desired(username)) {
      client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }
    LOG.info("admission policies applied; the operator acts as {}", username);
  }
}
