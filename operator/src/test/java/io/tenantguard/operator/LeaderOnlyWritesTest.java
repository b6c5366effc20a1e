package io.tenantguard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderOnlyWritesTest {
  private static final String OPERATOR = "system:serviceaccount:tenantguard-system:tenantguard";

  @Test
  void theFenceIsKeptOnlyWhereReplicasElectALeaderAndReadsTheirLease() {
    assertThat(ClusterPolicies.desired(OPERATOR, null)).extracting(o -> o.getMetadata().getName())
        .doesNotContain(LeaderOnlyWrites.NAME);

    List<HasMetadata> withElection = ClusterPolicies.desired(OPERATOR, "tenantguard-system");
    ValidatingAdmissionPolicyBinding binding = withElection.stream()
        .filter(ValidatingAdmissionPolicyBinding.class::isInstance).map(ValidatingAdmissionPolicyBinding.class::cast)
        .filter(b -> b.getMetadata().getName().equals(LeaderOnlyWrites.NAME)).findFirst().orElseThrow();
    assertThat(binding.getSpec().getParamRef().getName()).isEqualTo(OperatorSettings.LEASE_NAME);
    assertThat(binding.getSpec().getParamRef().getNamespace()).isEqualTo("tenantguard-system");
    // without a Lease nobody elects a leader: nothing to fence
    assertThat(binding.getSpec().getParamRef().getParameterNotFoundAction()).isEqualTo("Allow");
  }
}
