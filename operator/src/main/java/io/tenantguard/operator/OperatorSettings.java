package io.tenantguard.operator;

import io.tenantguard.attestation.Attestations;
import io.tenantguard.lifecycle.LifecycleSettings;
import io.tenantguard.separation.SeparationDefaults;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How the operator runs, as chosen on the command line or in the environment.
 *
 * @param probeAddress where /healthz, /readyz and /metrics are served
 * @param leaderElectionNamespace the namespace of the Lease; null turns leader election off
 * @param reconcileThreads how many resources are reconciled at once
 * @param admissionPolicies whether the operator maintains its cluster-wide admission policies (the
 *     mock server of the fast tests cannot hold them)
 * @param resyncInterval how often every resource is reconciled even when nothing changed, so that
 *     what the status states is re-verified
 * @param separationDefaults the quota and container limits of namespaces whose Tenant sets none
 * @param attestations the provider's attestations of its organisational duties
 * @param lifecycle the platform's time zone and retention floors, and the namespace of the signing key
 */
public record OperatorSettings(
    InetSocketAddress probeAddress,
    String leaderElectionNamespace,
    int reconcileThreads,
    boolean admissionPolicies,
    Duration resyncInterval,
    SeparationDefaults separationDefaults,
    Attestations attestations,
    LifecycleSettings lifecycle) {

  public static final String LEASE_NAME = "tenantguard-leader";
  public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(10);

  /**
   * Without attestations; with the matrix's retention floors, in UTC; the signing key in the
   * operator's namespace: where its Lease is, else {@value LifecycleSettings#DEFAULT_NAMESPACE}.
   */
  public OperatorSettings(
      InetSocketAddress probeAddress,
      String leaderElectionNamespace,
      int reconcileThreads,
      boolean admissionPolicies,
      Duration resyncInterval,
      SeparationDefaults separationDefaults) {
    this(probeAddress, leaderElectionNamespace, reconcileThreads, admissionPolicies, resyncInterval,
        separationDefaults, Attestations.NONE, LifecycleSettings.STANDARD.withKeyNamespace(
            leaderElectionNamespace != null ? leaderElectionNamespace : LifecycleSettings.DEFAULT_NAMESPACE));
  }

  /** With the built-in separation defaults. */
  public OperatorSettings(
      InetSocketAddress probeAddress,
      String leaderElectionNamespace,
      int reconcileThreads,
      boolean admissionPolicies,
      Duration resyncInterval) {
    this(probeAddress, leaderElectionNamespace, reconcileThreads, admissionPolicies, resyncInterval,
        SeparationDefaults.STANDARD);
  }

  public OperatorSettings withLifecycle(LifecycleSettings settings) {
    return new OperatorSettings(probeAddress, leaderElectionNamespace, reconcileThreads, admissionPolicies,
        resyncInterval, separationDefaults, attestations, settings);
  }

  /** On loopback, a free port, no leader election: the settings of tests and the quick start. */
  public static OperatorSettings local(boolean admissionPolicies) {
    return new OperatorSettings(new InetSocketAddress("127.0.0.1", 0), null, 4, admissionPolicies, DEFAULT_RESYNC);
  }

  public OperatorSettings withAttestations(Attestations more) {
    return new OperatorSettings(probeAddress, leaderElectionNamespace, reconcileThreads, admissionPolicies,
        resyncInterval, separationDefaults, more, lifecycle);
  }

  public boolean leaderElection() {
    return leaderElectionNamespace != null;
  }
}
