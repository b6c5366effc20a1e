package io.tenantguard.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.admission.AdmissionPolicy;
import io.tenantguard.encryption.EncryptedVolumesPolicy;
import io.tenantguard.encryption.IngressTlsPolicy;
import io.tenantguard.lifecycle.CertificateProtection;
import io.tenantguard.lifecycle.DataDeletionProtection;
import io.tenantguard.lifecycle.FrozenNamespaces;
import io.tenantguard.placement.ReferencedObjectProtection;
import io.tenantguard.placement.RegionPinningPolicy;
import io.tenantguard.separation.IsolationRequired;
import io.tenantguard.separation.ManagedObjectProtection;
import io.tenantguard.separation.ServiceInterceptionPolicy;
import io.tenantguard.separation.StrictNetworkPolicies;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster-wide admission policies the operator maintains. Those that exempt the operator name
 * its own identity, which it asks the API server. {@link ClusterPolicyKeeper} keeps them true.
 */
public final class ClusterPolicies {
  public static final String FIELD_MANAGER = "tenantguard";

  private ClusterPolicies() {}

  /** @param leaseNamespace where the replicas elect their leader; null when they do not */
  public static List<HasMetadata> desired(String operatorUsername, String leaseNamespace) {
    List<AdmissionPolicy> policies = new ArrayList<>();
    policies.add(ManagedObjectProtection.policy(operatorUsername));
    policies.add(RegionPinningPolicy.policy());
    policies.addAll(DataDeletionProtection.policies(operatorUsername));
    policies.add(ReferencedObjectProtection.policy());
    policies.add(ServiceInterceptionPolicy.policy());
    policies.add(StrictNetworkPolicies.policy(operatorUsername));
    policies.add(EncryptedVolumesPolicy.policy());
    policies.add(IngressTlsPolicy.policy());
    policies.add(FrozenNamespaces.policy(operatorUsername));
    policies.add(CertificateProtection.policy(operatorUsername));
    List<HasMetadata> objects = new ArrayList<>(policies.stream().flatMap(p -> p.objects().stream()).toList());
    objects.addAll(IsolationRequired.objects());
    if (leaseNamespace != null) {
      objects.addAll(LeaderOnlyWrites.objects(operatorUsername, leaseNamespace));
    }
    return objects;
  }

  /** The identity the operator acts as, from the API server itself. */
  public static String operatorUsername(KubernetesClient client) {
    return client.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview())
        .getStatus().getUserInfo().getUsername();
  }
}
