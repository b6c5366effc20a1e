package io.tenantguard.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.tenantguard.attestation.Attestations;
import io.tenantguard.audit.AuditOutput;
import io.tenantguard.kube.CalendarDuration;
import io.tenantguard.lifecycle.LifecycleSettings;
import io.tenantguard.operator.LeaseFence;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.operator.OperatorSettings;
import io.tenantguard.separation.SeparationDefaults;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the operator against the cluster of the current kubeconfig, or the one it runs in.",
      "Every option can also be set by the environment variable named in its description."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--probe-port",
      defaultValue = "${env:TENANTGUARD_PROBE_PORT:-8080}",
      description = "Port of /healthz, /readyz and /metrics; 0 picks a free one (TENANTGUARD_PROBE_PORT, default ${DEFAULT-VALUE}).")
  int probePort;

  @Option(
      names = "--probe-address",
      defaultValue = "${env:TENANTGUARD_PROBE_ADDRESS:-0.0.0.0}",
      description = "Address the probes listen on (TENANTGUARD_PROBE_ADDRESS, default ${DEFAULT-VALUE}).")
  String probeAddress;

  @Option(
      names = "--leader-election",
      defaultValue = "${env:TENANTGUARD_LEADER_ELECTION:-false}",
      arity = "0..1",
      description = "Take a Lease so that only one replica reconciles (TENANTGUARD_LEADER_ELECTION, default ${DEFAULT-VALUE}).")
  boolean leaderElection;

  @Option(
      names = "--leader-election-namespace",
      defaultValue = "${env:TENANTGUARD_LEADER_ELECTION_NAMESPACE}",
      description = "Namespace of the Lease (TENANTGUARD_LEADER_ELECTION_NAMESPACE, default: the operator's own namespace).")
  String leaderElectionNamespace;

  @Option(
      names = "--reconcile-threads",
      defaultValue = "${env:TENANTGUARD_RECONCILE_THREADS:-10}",
      description = "How many resources are reconciled at once (TENANTGUARD_RECONCILE_THREADS, default ${DEFAULT-VALUE}).")
  int reconcileThreads;

  @Option(
      names = "--resync-interval",
      defaultValue = "${env:TENANTGUARD_RESYNC_INTERVAL:-PT10M}",
      converter = DurationConverter.class,
      description = "How often every resource is re-verified though nothing changed, as an ISO 8601 duration (TENANTGUARD_RESYNC_INTERVAL, default ${DEFAULT-VALUE}).")
  Duration resyncInterval;

  @Option(
      names = "--log-format",
      defaultValue = "${env:TENANTGUARD_LOG_FORMAT:-text}",
      description = "text or json: JSON lines for log collectors (TENANTGUARD_LOG_FORMAT, default ${DEFAULT-VALUE}).")
  Logging.Format logFormat;

  @Option(
      names = "--audit-file",
      paramLabel = "FILE",
      defaultValue = "${env:TENANTGUARD_AUDIT_FILE}",
      description = "File the audit trail is appended to, one hash-chained JSON line per enforcement action; a restart continues its chain (TENANTGUARD_AUDIT_FILE, default: standard output, a new chain at each start).")
  Path auditFile;

  @Option(
      names = "--default-quota",
      split = ",",
      paramLabel = "FIELD=QUANTITY",
      defaultValue = "${env:TENANTGUARD_DEFAULT_QUOTA}",
      description = "Quota of a namespace for each field its Tenant leaves unset, by the field names of spec.quota, such as pods=30,cpu=8 (TENANTGUARD_DEFAULT_QUOTA; unnamed fields keep the built-in defaults the README lists).")
  Map<String, String> defaultQuota;

  @Option(
      names = "--default-request",
      split = ",",
      paramLabel = "RESOURCE=QUANTITY",
      defaultValue = "${env:TENANTGUARD_DEFAULT_REQUEST}",
      description = "Requests of containers that set none, where the Tenant's spec.limits leaves them unset: cpu, memory, ephemeralStorage (TENANTGUARD_DEFAULT_REQUEST, default cpu=100m,memory=128Mi,ephemeralStorage=128Mi).")
  Map<String, String> defaultRequest;

  @Option(
      names = "--default-limit",
      split = ",",
      paramLabel = "RESOURCE=QUANTITY",
      defaultValue = "${env:TENANTGUARD_DEFAULT_LIMIT}",
      description = "Limits of containers that set none, where the Tenant's spec.limits leaves them unset (TENANTGUARD_DEFAULT_LIMIT, default cpu=500m,memory=512Mi,ephemeralStorage=1Gi).")
  Map<String, String> defaultLimit;

  @Option(
      names = "--default-max",
      split = ",",
      paramLabel = "RESOURCE=QUANTITY",
      defaultValue = "${env:TENANTGUARD_DEFAULT_MAX}",
      description = "The most one container may ask for, where the Tenant's spec.limits leaves it unset (TENANTGUARD_DEFAULT_MAX, default: no maximum).")
  Map<String, String> defaultMax;

  @Option(
      names = "--attestation",
      paramLabel = "CONTROL=REFERENCE",
      description = "The reference of the provider's attestation of an organisational duty, such as ISO27001-A.11.1.1='ISO 27001 certificate 2025-117'; repeatable; over those of --attestations.")
  List<String> attestation = List.of();

  @Option(
      names = "--attestations",
      paramLabel = "FILE",
      defaultValue = "${env:TENANTGUARD_ATTESTATIONS}",
      description = "A YAML file mapping organisational duties to the references of the provider's attestations, CONTROL: REFERENCE (TENANTGUARD_ATTESTATIONS; docs/controls.md lists the duties).")
  Path attestationsFile;

  @Option(
      names = "--time-zone",
      defaultValue = "${env:TENANTGUARD_TIME_ZONE:-UTC}",
      converter = ZoneConverter.class,
      description = "Time zone where retentions counted in days end, at the next midnight, such as Europe/Paris (TENANTGUARD_TIME_ZONE, default ${DEFAULT-VALUE}).")
  ZoneId timeZone;

  @Option(
      names = "--min-retention",
      defaultValue = "${env:TENANTGUARD_MIN_RETENTION:-P90D}",
      converter = CalendarDurationConverter.class,
      description = "The least time a terminated tenant's data is kept, whatever its classifications ask, as an ISO 8601 duration; PT0S for none (TENANTGUARD_MIN_RETENTION, default ${DEFAULT-VALUE}).")
  CalendarDuration minRetention;

  @Option(
      names = "--min-proof-retention",
      defaultValue = "${env:TENANTGUARD_MIN_PROOF_RETENTION:-P1Y}",
      converter = CalendarDurationConverter.class,
      description = "The least time a DestructionCertificate is kept, as an ISO 8601 duration (TENANTGUARD_MIN_PROOF_RETENTION, default ${DEFAULT-VALUE}).")
  CalendarDuration minProofRetention;

  @Option(
      names = "--namespace",
      defaultValue = "${env:TENANTGUARD_NAMESPACE:-" + LifecycleSettings.DEFAULT_NAMESPACE + "}",
      description = "The operator's own namespace, created if missing: the Secret of the key that signs DestructionCertificates is there, its public key in a ConfigMap beside it (TENANTGUARD_NAMESPACE, default ${DEFAULT-VALUE}).")
  String namespace;

  @Override
  public Integer call() throws Exception {
    validate();
    SeparationDefaults separationDefaults = separationDefaults();
    Attestations attestations = attestations();
    Logging.use(logFormat);
    AuditOutput audit = auditOutput();
    KubernetesClient client = ClusterConnection.open(leaderElection
        ? Map.of(LeaseFence.NAME, new LeaseFence(OperatorSettings.LEASE_NAME,
            LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE, System::nanoTime))
        : Map.of());
    String leaseNamespace =
        leaderElection
            ? (leaderElectionNamespace != null ? leaderElectionNamespace : client.getNamespace())
            : null;
    OperatorSettings settings =
        new OperatorSettings(
            new InetSocketAddress(probeAddress, probePort), leaseNamespace, reconcileThreads, true, resyncInterval,
            separationDefaults, attestations, new LifecycleSettings(timeZone, minRetention, minProofRetention, namespace));
    CountDownLatch stopped = new CountDownLatch(1);
    OperatorRuntime runtime = new OperatorRuntime(settings, client, Clock.systemUTC(), audit);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runtime.close();
                  client.close();
                  stopped.countDown();
                },
                "tenantguard-shutdown"));
    runtime.start();
    stopped.await();
    return 0;
  }

  /** Standard output, or the audit file the option names, which must be writable. */
  private AuditOutput auditOutput() {
    if (auditFile == null) {
      return AuditOutput.logger();
    }
    try {
      return Logging.auditTo(auditFile);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--audit-file' (or TENANTGUARD_AUDIT_FILE): cannot append to " + auditFile + ": "
              + e, e);
    }
  }

  /** Reads an ISO 8601 duration such as PT10M, and says so when it is not one. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Duration.parse(value);
      } catch (java.time.format.DateTimeParseException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not an ISO 8601 duration such as PT10M");
      }
    }
  }

  /** Reads a time zone such as Europe/Paris or UTC, and says so when it is not one. */
  static final class ZoneConverter implements picocli.CommandLine.ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return ZoneId.of(value);
      } catch (java.time.DateTimeException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a time zone such as UTC or Europe/Paris");
      }
    }
  }

  /** Reads an ISO 8601 duration with calendar and time parts (P90D, P1Y, PT0S). */
  static final class CalendarDurationConverter implements picocli.CommandLine.ITypeConverter<CalendarDuration> {
    @Override
    public CalendarDuration convert(String value) {
      try {
        return CalendarDuration.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** The built-in separation defaults with the options' values over them; a bad value names its option. */
  private SeparationDefaults separationDefaults() {
    SeparationDefaults defaults = SeparationDefaults.STANDARD;
    defaults = option("--default-quota", "TENANTGUARD_DEFAULT_QUOTA", defaults::withQuota, defaultQuota);
    defaults = option("--default-request", "TENANTGUARD_DEFAULT_REQUEST", defaults::withDefaultRequest, defaultRequest);
    defaults = option("--default-limit", "TENANTGUARD_DEFAULT_LIMIT", defaults::withDefaultLimit, defaultLimit);
    return option("--default-max", "TENANTGUARD_DEFAULT_MAX", defaults::withMax, defaultMax);
  }

  /** The file's attestations with the repeated option's over them; a bad one names its option. */
  private Attestations attestations() {
    Attestations fromFile = Attestations.NONE;
    if (attestationsFile != null) {
      try {
        fromFile = Attestations.read(attestationsFile);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(),
            "Invalid value for option '--attestations' (or TENANTGUARD_ATTESTATIONS): " + e.getMessage(), e);
      }
    }
    try {
      return fromFile.plus(Attestations.parse(attestation));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--attestation': " + e.getMessage(), e);
    }
  }

  private SeparationDefaults option(
      String name, String variable, Function<Map<String, String>, SeparationDefaults> apply, Map<String, String> values) {
    try {
      return apply.apply(values);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "Invalid value for option '" + name + "' (or " + variable + "): " + e.getMessage(), e);
    }
  }

  private void validate() {
    if (probePort < 0 || probePort > 65535) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--probe-port' (or TENANTGUARD_PROBE_PORT): "
              + probePort
              + " is not a port between 0 and 65535");
    }
    if (reconcileThreads < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--reconcile-threads' (or TENANTGUARD_RECONCILE_THREADS): "
              + reconcileThreads
              + " must be at least 1");
    }
  }
}
