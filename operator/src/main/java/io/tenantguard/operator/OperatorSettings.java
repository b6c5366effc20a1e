package io.tenantguard.operator;

import java.net.InetSocketAddress;

/**
 * How the operator runs, as chosen on the command line or in the environment.
 *
 * @param probeAddress where /healthz, /readyz and /metrics are served
 * @param leaderElectionNamespace the namespace of the Lease; null turns leader election off
 * @param reconcileThreads how many resources are reconciled at once
 * @param admissionPolicies whether the operator maintains its cluster-wide admission policies (the
 *     mock server of the fast tests cannot hold them)
 */
public record OperatorSettings(
    InetSocketAddress probeAddress, String leaderElectionNamespace, int reconcileThreads, boolean admissionPolicies) {

  public static final String LEASE_NAME = "tenantguard-leader";

  public boolean leaderElection() {
    return leaderElectionNamespace != null;
  }
}
