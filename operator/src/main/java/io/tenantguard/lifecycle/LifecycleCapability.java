package io.tenantguard.lifecycle;

import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.Lifecycle;
import io.tenantguard.api.v1alpha1.tenant.LifecycleState;
import io.tenantguard.capability.Capability;
import io.tenantguard.capability.Contribution;
import io.tenantguard.capability.PlacedNamespace;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.evidence.Control;
import io.tenantguard.evidence.Controls;
import io.tenantguard.evidence.Evidence;
import io.tenantguard.kube.StatusConditions;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenant's lifecycle. An Active tenant's data is kept, and no deletion of an object destroys it
 * (the API server refuses deleting the Tenant or its namespaces). Suspension, termination, the
 * recovery access and legal holds are not enforced by this version: declaring one gives
 * NotEnforced evidence.
 */
public final class LifecycleCapability implements Capability {
  public static final String DATA_KEPT = "DataKept";
  private static final List<Control> CONTROLS = List.of(Controls.ISO_DISPOSAL, Controls.HDS_REVERSIBILITY);

  @Override
  public List<String> conditions() {
    return List.of(StatusConditions.LIFECYCLE_ENFORCED);
  }

  @Override
  public Contribution contribute(TenantInputs inputs, List<PlacedNamespace> namespaces) {
    Lifecycle lifecycle = inputs.spec().lifecycle();
    List<String> declared = new ArrayList<>();
    if (lifecycle.state() != LifecycleState.Active) {
      declared.add("spec.lifecycle.state is " + lifecycle.state());
    }
    if (lifecycle.legalHold()) {
      declared.add("spec.lifecycle.legalHold is set");
    }
    if (lifecycle.dataRecoveryAccess()) {
      declared.add("spec.lifecycle.dataRecoveryAccess is set");
    }
    Contribution.Builder contribution = Contribution.builder();
    for (Control control : CONTROLS) {
      contribution.evidence(declared.isEmpty()
          ? new Evidence(control, ControlState.Enforced, StatusConditions.LIFECYCLE_ENFORCED, DATA_KEPT,
              "Active: the tenant's data is kept; deleting the Tenant or one of its namespaces is refused, only the"
                  + " lifecycle destroys data")
          : new Evidence(control, ControlState.NotEnforced, StatusConditions.LIFECYCLE_ENFORCED,
              StatusConditions.NOT_IMPLEMENTED, String.join("; ", declared)
                  + ": this version of tenantguard does not enforce the deletion lifecycle yet (nothing is revoked,"
                  + " stopped or destroyed)"));
    }
    return contribution.build();
  }
}
