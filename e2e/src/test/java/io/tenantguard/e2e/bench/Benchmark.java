package io.tenantguard.e2e.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.tenant.Contact;
import io.tenantguard.api.v1alpha1.tenant.Encryption;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.attestation.Attestations;
import io.tenantguard.e2e.Tenants;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.separation.NetworkPolicies;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.tenant.TenantPipeline;
import io.tenantguard.tenant.TenantPlan;
import io.tenantguard.testing.Examples;
import io.tenantguard.testing.TenantEdits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The figures an operator is judged by, measured on a real control plane in one run: how fast N
 * tenants converge against the floor a plain client sets, how many writes a converged cluster
 * costs, how fast drift is repaired, and what the operator's process holds.
 */
public final class Benchmark {
  static final int CONCURRENCY = 8;
  /** Blocks the two phases alternate in (see {@link #measurePhases}). */
  static final int BLOCKS = 4;
  private static final Duration RESTART_SETTLE = Duration.ofSeconds(10);
  /** Who the raw phase's objects say manages them: not tenantguard, so that it leaves them alone. */
  private static final String RAW_MANAGER = "tenantguard-benchmark";
  private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION");
  /** What the operator may write; the controller manager's quota status updates are not its own. */
  private static final Set<String> OPERATOR_RESOURCES = Set.of("tenants", "regions", "dataclassifications", "namespaces",
      "rolebindings", "networkpolicies", "resourcequotas", "limitranges", "events",
      "validatingadmissionpolicies", "validatingadmissionpolicybindings");

  private final KubernetesClient admin;
  /** What the operator runs with: the chart's identity. */
  private final Path operatorKubeconfig;
  /** The namespace of that identity, the operator's own (its Lease, its signing key). */
  private final String operatorNamespace;
  /** The control plane's processes, when this run started it: their CPU prices each request. */
  private final Map<String, Long> controlPlane;
  /** Processes whose CPU time each phase reports, by name: the control plane's, this client's. */
  private final Map<String, Long> processes = new LinkedHashMap<>();
  private final Path jar;
  private final Path output;
  private final int tenants;
  private final Duration steadyWindow;
  /** Options for the operator's JVM after the chart's, when a run compares them. */
  private final List<String> jvmOptions;
  /**
   * A certified platform's tenants rather than a first install's: the provider's organisational
   * duties attested and each tenant's key dated, so that no tenant is told a Warning when it is made.
   */
  private final boolean attested;
  private final Map<String, Double> results = new LinkedHashMap<>();

  public Benchmark(KubernetesClient admin, Path operatorKubeconfig, String operatorNamespace, Map<String, Long> controlPlane,
      Path repoRoot, int tenants, Duration steadyWindow, List<String> jvmOptions, boolean attested) {
    this.admin = admin;
    this.operatorKubeconfig = operatorKubeconfig;
    this.operatorNamespace = operatorNamespace;
    this.controlPlane = Map.copyOf(controlPlane);
    this.processes.putAll(controlPlane);
    this.processes.put("client", ProcessHandle.current().pid());
    this.jar = repoRoot.resolve("operator/target/tenantguard.jar");
    this.output = repoRoot.resolve("e2e/target/bench");
    this.tenants = tenants;
    this.steadyWindow = steadyWindow;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.attested = attested;
  }

  public Map<String, Double> run() throws Exception {
    results.put("machine_load_1m_at_start", CpuTime.loadAverage());
    Examples.regions().values().forEach(this::apply);
    Examples.classifications().values().forEach(this::apply);
    measureRequestCosts();
    Duration resync = Duration.ofSeconds(15);
    try (OperatorProcess operator = startOperator(resync, "operator.log")) {
      operator.awaitReady(Duration.ofMinutes(2));
      processes.put("operator", operator.pid());
      measurePhases();
      removeRawObjects();
      Thread.sleep(5_000); // let the last status patches land before counting
      measureStatuses();
      double[] before = reconcileTime(operator.metrics());
      measureSteadyStateWrites(resync);
      double[] after = reconcileTime(operator.metrics());
      results.put("steady_state_reconcile_ms", round((after[0] - before[0]) / Math.max(1, after[1] - before[1]) * 1000));
      measureDriftRepair();
      results.put("operator_rss_mb", round(operator.rssMegabytes()));
      String metrics = operator.metrics();
      results.put("operator_heap_mb", round(PrometheusText.sum(metrics, "jvm_memory_used_bytes",
          labels -> labels.contains("area=\"heap\"")) / 1024 / 1024));
      double[] total = reconcileTime(metrics);
      results.put("tenant_reconciles", total[1]);
      results.put("per_tenant_reconcile_ms", round(total[0] / Math.max(1, total[1]) * 1000));
      measureLiveHeap(operator);
    }
    double beforeRestart = mutatingRequests();
    try (OperatorProcess restarted = startOperator(resync, "operator-restart.log")) {
      results.put("startup_to_ready_seconds", round(restarted.awaitReady(Duration.ofMinutes(5))));
      Thread.sleep(RESTART_SETTLE.toMillis()); // every tenant reconciled once after the start
      // a restart on a converged cluster sends no write (its Lease aside, which is not counted)
      results.put("restart_writes", mutatingRequests() - beforeRestart);
    }
    measureReport();
    write();
    return results;
  }

  private OperatorProcess startOperator(Duration resync, String log) throws java.io.IOException {
    List<String> options = new ArrayList<>(List.of("--resync-interval", resync.toString()));
    if (attested) {
      Attestations.attestable().forEach(duty -> options.addAll(List.of("--attestation", duty.id() + "=benchmark audit 2026")));
    }
    return OperatorProcess.start(jar, operatorKubeconfig, operatorNamespace, OperatorProcess.freePort(),
        output.resolve(log), jvmOptions, options);
  }

  /**
   * The evidence of every tenant as an auditor takes it: {@code report --all --format json}, the
   * command line in a JVM of its own, reading the Tenants with a list under the operator's identity.
   */
  private void measureReport() throws Exception {
    Path report = output.resolve("report-all.json");
    ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
        jar.toString(), "report", "--all", "--format", "json", "--output", report.toString())
        .redirectErrorStream(true)
        .redirectOutput(output.resolve("report.log").toFile());
    builder.environment().put("KUBECONFIG", operatorKubeconfig.toString());
    long start = System.nanoTime();
    int status = builder.start().waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (status != 0) {
      throw new IllegalStateException("report --all exited with " + status + ": " + Files.readString(output.resolve("report.log")));
    }
    int reported = admin.resources(Tenant.class).list().getItems().size(); // the suite's own tenants too
    results.put("report_all_tenants", (double) reported);
    results.put("report_all_json_seconds", round(seconds));
    results.put("report_all_json_kb_per_tenant", round(Files.size(report) / 1024.0 / reported));
  }

  /**
   * What the operator's heap holds once collected, and by class in {@code operator-histogram.txt}
   * (after the RSS: the full collection would shrink it). With native memory tracking among the
   * JVM options, its areas go to {@code operator-native-memory.txt}.
   */
  private void measureLiveHeap(OperatorProcess operator) throws Exception {
    Path histogram = output.resolve("operator-histogram.txt");
    operator.writeHistogram(histogram);
    String total = Files.readAllLines(histogram).stream().filter(line -> line.startsWith("Total")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no total in " + histogram));
    results.put("operator_live_heap_mb", round(Long.parseLong(total.trim().split("\\s+")[2]) / 1024.0 / 1024));
    if (jvmOptions.stream().anyMatch(option -> option.startsWith("-XX:NativeMemoryTracking="))) {
      operator.writeNativeMemory(output.resolve("operator-native-memory.txt"));
    }
  }

  /** Seconds spent reconciling tenants, and how many reconciliations, from JOSDK's timer. */
  private static double[] reconcileTime(String metrics) {
    return new double[] {
      PrometheusText.sum(metrics, "operator_sdk_controllers_execution_reconcile_seconds_sum", l -> l.contains("\"tenant\"")),
      PrometheusText.sum(metrics, "operator_sdk_controllers_execution_reconcile_seconds_count", l -> l.contains("\"tenant\""))
    };
  }

  /**
   * The raw phase and provisioning, interleaved in {@link #BLOCKS} blocks of tenants (a block's raw
   * objects and its Tenants until Ready, in turns, then the next block): on a shared machine the same requests
   * cost up to half more CPU from one minute to the next, so that two phases run one after the other
   * compared the machine's moods as much as their work. Each phase's figures are summed over its
   * blocks.
   */
  private void measurePhases() throws Exception {
    List<List<HasMetadata>> raw = rawObjects();
    results.put("objects_per_tenant", (double) raw.get(0).size());
    List<Tenant> wanted = IntStream.range(0, tenants).mapToObj(i -> tenant("bench-" + i, attested)).toList();
    PhaseCost rawApply = new PhaseCost();
    PhaseCost provisioning = new PhaseCost();
    int blockSize = (tenants + BLOCKS - 1) / BLOCKS;
    try (ReadyTenants ready = ReadyTenants.watch(admin, "bench-")) {
      for (int start = 0, block = 0; start < tenants; start += blockSize, block++) {
        int from = start;
        int to = Math.min(tenants, from + blockSize);
        Work rawBlock = () -> rawApply.add(() -> inParallel(raw.subList(from, to), objects -> objects.forEach(this::apply)));
        Work provisioningBlock = () -> provisioning.add(() -> {
          inParallel(wanted.subList(from, to), this::apply);
          ready.await(to, Duration.ofMinutes(30));
        });
        // raw first in one block, provisioning first in the next: a machine slowing down or speeding
        // up through the run weighs on both phases alike
        for (Work half : block % 2 == 0 ? List.of(rawBlock, provisioningBlock) : List.of(provisioningBlock, rawBlock)) {
          half.run();
        }
      }
    }
    rawApply.report("raw_apply");
    provisioning.report("provisioning");
    // what the steady-state figure counts, counted where writes must be: its positive control
    results.put("provisioning_writes", provisioning.writes);
    results.put("provisioning_vs_raw_apply_ratio",
        round(results.get("provisioning_seconds") / results.get("raw_apply_seconds")));
    putProvisioningFloor();
  }

  /** The floor the API server sets: the operator's objects, to be applied by a plain client at the same concurrency. */
  private List<List<HasMetadata>> rawObjects() {
    TenantPipeline pipeline = OperatorRuntime.pipeline(io.tenantguard.separation.SeparationDefaults.STANDARD);
    List<List<HasMetadata>> perTenant = new ArrayList<>();
    for (int i = 0; i < tenants; i++) {
      TenantPlan plan = pipeline.plan(new TenantInputs(tenant("raw-" + i, attested), Examples.regions(), Examples.classifications(),
          List.of(), Map.of(), java.time.Instant.now()));
      List<HasMetadata> objects = new ArrayList<>(plan.objects());
      // the operator's objects as they are, but for the label that hands them to the operator
      for (HasMetadata object : objects) {
        Map<String, String> labels = new LinkedHashMap<>(object.getMetadata().getLabels());
        labels.put(Labels.MANAGED_BY, RAW_MANAGER);
        object.getMetadata().setLabels(labels);
      }
      perTenant.add(objects);
    }
    return perTenant;
  }

  /**
   * The raw phase's objects deleted, and gone, once provisioning is measured and before the rest is:
   * the operator watches foreign namespaces and the RoleBindings tenants make, so it would otherwise
   * hold a second N tenants' worth of objects in its caches when its memory is measured, and the
   * controller manager's work of emptying those namespaces would fall in the figures that follow.
   */
  private void removeRawObjects() throws Exception {
    List<String> namespaces = admin.namespaces().withLabel(Labels.MANAGED_BY, RAW_MANAGER).list().getItems().stream()
        .map(namespace -> namespace.getMetadata().getName()).toList();
    inParallel(namespaces, name -> admin.namespaces().withName(name).delete());
    admin.storage().v1().storageClasses().withLabel(Labels.MANAGED_BY, RAW_MANAGER).delete();
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (!admin.namespaces().withLabel(Labels.MANAGED_BY, RAW_MANAGER).list().getItems().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the raw phase's namespaces were not gone after 30 minutes");
      }
      Thread.sleep(2_000);
    }
  }

  /**
   * Before the operator starts, what the control plane spends on each request a tenant adds to its
   * objects (its two writes, the ownership GETs). Measured first: the controller manager later
   * works through the new namespaces for minutes (service accounts, CA bundles), on the same CPU.
   */
  private void measureRequestCosts() throws Exception {
    if (controlPlane.isEmpty()) {
      return; // a cluster this run did not start: its processes are not ours to measure
    }
    new RequestCosts(admin, controlPlane, attested).measure(tenants)
        .forEach((request, millis) -> results.put(request + "_control_plane_cpu_ms", round(millis)));
  }

  /**
   * The least CPU provisioning can cost against the raw phase: the raw phase's whole work (the same
   * objects, applied by a client of the same library as the operator's) plus the control plane's
   * work for each tenant's two writes. On a machine whose cores are all busy, the least ratio.
   */
  private void putProvisioningFloor() {
    Double apply = results.get("tenant_apply_control_plane_cpu_ms");
    Double status = results.get("tenant_status_apply_control_plane_cpu_ms");
    double raw = results.get("raw_apply_machine_cpu_seconds");
    if (apply != null && status != null) {
      results.put("provisioning_cpu_floor_vs_raw_apply", round((raw + tenants * (apply + status) / 1000) / raw));
    }
    // what the audit trail's Events add to the ratio, at their price: part of the operator's own work
    Double event = results.get("event_post_control_plane_cpu_ms");
    if (event != null) {
      results.put("provisioning_events_vs_raw_apply", round(
          tenants * results.get("provisioning_events_per_tenant") * event / 1000 / raw));
    }
  }

  /**
   * What a phase cost, summed over the blocks it ran in: its time, and its CPU, the whole machine's
   * and each process's that shares it (the control plane's when this run started it, this client,
   * the operator); the requests the API server served, and the writes on what the operator manages.
   * The raw phase should leave the operator idle.
   */
  private final class PhaseCost {
    private double seconds;
    private double machineCpu;
    private double writes;
    private final Map<String, Double> processCpu = new LinkedHashMap<>();
    private final Map<String, Double> requests = new TreeMap<>();

    void add(Work work) throws Exception {
      Map<String, Double> requestsBefore = apiRequestsByKind();
      double writesBefore = mutatingRequests();
      double machineBefore = CpuTime.machineBusySeconds();
      Map<String, Double> before = new LinkedHashMap<>();
      for (Map.Entry<String, Long> process : processes.entrySet()) {
        before.put(process.getKey(), CpuTime.processSeconds(process.getValue()));
      }
      seconds += timed(work);
      machineCpu += CpuTime.machineBusySeconds() - machineBefore;
      for (Map.Entry<String, Long> process : processes.entrySet()) {
        processCpu.merge(process.getKey(), CpuTime.processSeconds(process.getValue()) - before.get(process.getKey()), Double::sum);
      }
      writes += mutatingRequests() - writesBefore;
      apiRequestsByKind().forEach((kind, count) -> requests.merge(kind, count - requestsBefore.getOrDefault(kind, 0.0), Double::sum));
    }

    void report(String name) throws Exception {
      results.put(name + "_seconds", round(seconds));
      results.put(name + "_machine_cpu_seconds", round(machineCpu));
      writeRequests(name, requests);
      processCpu.forEach((process, cpu) -> results.put(name + "_" + process.replace('-', '_') + "_cpu_seconds", round(cpu)));
    }
  }

  /** Requests the API server has served, from every client, by verb, resource and subresource. */
  private Map<String, Double> apiRequestsByKind() {
    return PrometheusText.sumBy(admin.raw("/metrics"), "apiserver_request_total", labels -> String.join(" ",
        PrometheusText.label(labels, "verb"), PrometheusText.label(labels, "resource"),
        PrometheusText.label(labels, "subresource")).trim());
  }

  /** The phase's request count, and its requests by kind in a file beside the results. */
  private void writeRequests(String phase, Map<String, Double> byKind) throws Exception {
    StringBuilder lines = new StringBuilder();
    double total = 0;
    for (Map.Entry<String, Double> kind : byKind.entrySet()) {
      if (kind.getValue() > 0) {
        lines.append(String.format("%8.0f %s%n", kind.getValue(), kind.getKey()));
        total += kind.getValue();
      }
    }
    results.put(phase + "_api_requests", total);
    results.put(phase + "_events_per_tenant", round(byKind.getOrDefault("POST events", 0.0) / tenants));
    results.put(phase + "_requests_per_tenant", round(total / tenants));
    Files.createDirectories(output);
    Files.writeString(output.resolve(phase + "-requests.txt"), lines.toString());
  }

  /** How many tenants are Ready, and what their status weighs (its controls included) once converged. */
  private void measureStatuses() {
    List<Tenant> converged = admin.resources(Tenant.class).list().getItems().stream()
        .filter(tenant -> tenant.getMetadata().getName().startsWith("bench-"))
        .toList();
    results.put("ready_tenants", (double) converged.stream()
        .filter(tenant -> Conditions.isTrue(tenant.getStatus().conditions(), StatusConditions.READY)).count());
    results.put("status_bytes_per_tenant", round(converged.stream()
        .mapToInt(tenant -> Serialization.asJson(tenant.getStatus()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .average().orElse(0)));
  }

  /** Mutating requests on what the operator manages, from the API server's own counters. */
  private void measureSteadyStateWrites(Duration resync) throws InterruptedException {
    double before = mutatingRequests();
    Thread.sleep(steadyWindow.toMillis());
    results.put("steady_state_seconds", (double) steadyWindow.toSeconds());
    results.put("steady_state_forced_resyncs_per_tenant", (double) (steadyWindow.toSeconds() / resync.toSeconds()));
    results.put("steady_state_writes", mutatingRequests() - before);
  }

  private double mutatingRequests() {
    return PrometheusText.sum(admin.raw("/metrics"), "apiserver_request_total", labels ->
        MUTATING.stream().anyMatch(verb -> labels.contains("verb=\"" + verb + "\""))
            && OPERATOR_RESOURCES.stream().anyMatch(resource -> labels.contains("resource=\"" + resource + "\""))
            && !(labels.contains("resource=\"resourcequotas\"") && labels.contains("subresource=\"status\"")));
  }

  /** 100 deletions of a managed NetworkPolicy, each timed until the operator has put it back. */
  private void measureDriftRepair() throws InterruptedException {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      var policy = admin.network().v1().networkPolicies().inNamespace("bench-" + (i % tenants) + "-web")
          .withName(NetworkPolicies.DEFAULT_DENY);
      String before = policy.get().getMetadata().getUid();
      long start = System.nanoTime();
      policy.delete();
      while (true) {
        var now = policy.get();
        if (now != null && !now.getMetadata().getUid().equals(before)) {
          break;
        }
        if (System.nanoTime() - start > Duration.ofSeconds(30).toNanos()) {
          throw new IllegalStateException("NetworkPolicy not restored after 30 s");
        }
        Thread.sleep(2);
      }
      millis.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(millis);
    results.put("drift_repair_p50_ms", round(millis.get(49)));
    results.put("drift_repair_p99_ms", round(millis.get(98)));
  }

  /** @param datedKey whether the tenant says when it last rotated its key, as the health class asks */
  static Tenant tenant(String name, boolean datedKey) {
    // health data is hosted only under the HDS contract, and an HDS tenant only in HDS regions
    Tenant tenant = Tenants.tenant(name, List.of(Certification.HDS),
        Tenants.namespace(name + "-records", "fr-paris", "health"),
        Tenants.namespace(name + "-portal", "fr-paris", "personal"),
        Tenants.namespace(name + "-web", "fr-paris", "public"));
    if (datedKey) {
      Encryption key = tenant.getSpec().encryption();
      tenant = TenantEdits.encryption(tenant, new Encryption(key.keyRef(), OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), null));
    }
    // every contact its classes of data require (personal data: a data protection officer), so that it is Ready
    return TenantEdits.contacts(tenant, contacts -> {
      contacts.add(new Contact("Data Protection", "dpo@" + name + ".example", "dpo"));
      return contacts;
    });
  }

  private void apply(HasMetadata object) {
    apply(admin, object);
  }

  static void apply(KubernetesClient client, HasMetadata object) {
    client.resource(object).fieldManager("bench").forceConflicts().serverSideApply();
  }

  static <T> void inParallel(List<T> items, Consumer<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (T item : items) {
        done.add(pool.submit(() -> work.accept(item)));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  interface Work {
    void run() throws Exception;
  }

  private static double timed(Work work) throws Exception {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private void write() throws Exception {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("tenants", tenants);
    document.put("namespacesPerTenant", 3);
    document.put("attested", attested);
    document.put("machine", Map.of(
        "cores", Runtime.getRuntime().availableProcessors(),
        "memoryGiB", Math.round(((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / 1073741824.0),
        "java", System.getProperty("java.version"),
        "operatorJvm", String.join(" ", OperatorProcess.jvm())));
    document.put("results", results);
    Files.createDirectories(output);
    Files.writeString(output.resolve("results.json"), Serialization.asJson(document));
  }
}
