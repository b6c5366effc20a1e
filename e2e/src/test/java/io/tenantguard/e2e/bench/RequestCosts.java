package io.tenantguard.e2e.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.audit.AuditOutput;
import io.tenantguard.audit.AuditTrail;
import io.tenantguard.kube.EventRecorder;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.tenant.TenantPipeline;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import java.time.Instant;
import io.tenantguard.tenant.TenantStatusFactory;
import io.tenantguard.testing.Examples;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What the control plane (API server, etcd, controller manager) spends on each request a tenant
 * adds to the objects it gets, measured with no operator running: the Tenant's apply, the status
 * the operator writes for it, the GET that checks that a namespace belongs to no one else, and an
 * Event as the operator posts it. With the raw phase's cost per object, the first two give the least
 * CPU provisioning can cost; the Event's price tells what the audit trail's Events add to it.
 */
final class RequestCosts {
  private static final PatchContext STATUS_APPLY = new PatchContext.Builder()
      .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("tenantguard").withForce(true).build();

  private static final int EVENTS_PER_TENANT = 4;

  /** Lets the work requests set off (watch caches, the garbage collector's graph) land in their own step. */
  private static final Duration SETTLE = Duration.ofSeconds(1);

  private final TenantPipeline pipeline = OperatorRuntime.pipeline(io.tenantguard.separation.SeparationDefaults.STANDARD);
  private final TenantStatusFactory statuses = new TenantStatusFactory(Clock.systemUTC(), pipeline.conditionTypes());
  private final KubernetesClient admin;
  private final Map<String, Long> controlPlane;

  /** Whether the tenants date their keys, as the benchmark's do: it changes the status written. */
  private final boolean datedKeys;

  RequestCosts(KubernetesClient admin, Map<String, Long> controlPlane, boolean datedKeys) {
    this.admin = admin;
    this.controlPlane = controlPlane;
    this.datedKeys = datedKeys;
  }

  /** Milliseconds of control-plane CPU per request, by kind, over {@code count} tenants. */
  Map<String, Double> measure(int count) throws Exception {
    List<Tenant> tenants = IntStream.range(0, count).mapToObj(i -> Benchmark.tenant("cost-" + i, datedKeys)).toList();
    double apply = perRequest(count, () -> Benchmark.inParallel(tenants, tenant -> Benchmark.apply(admin, tenant)));
    List<Tenant> live = tenants.stream()
        .map(tenant -> admin.resources(Tenant.class).withName(tenant.getMetadata().getName()).get()).toList();
    List<Tenant> statuses = live.stream().map(this::statusAsTheOperatorWritesIt).toList();
    double status = perRequest(count, () -> Benchmark.inParallel(statuses,
        tenant -> admin.resource(tenant).subresource("status").patch(STATUS_APPLY)));
    double get = perRequest(3 * count, () -> Benchmark.inParallel(tenants, tenant -> tenant.getSpec().namespaces()
        .forEach(namespace -> admin.namespaces().withName(namespace.name()).get())));
    // as many Events as a tenant's first reconciliation posts at least (on the Tenant and in its three
    // namespaces), each saying something else; all in default here: no namespace of theirs exists yet
    EventRecorder events = new EventRecorder(admin, new SimpleMeterRegistry(), Clock.systemUTC(),
        AuditTrail.begin(new AuditOutput(line -> {}, null), Clock.systemUTC(), "benchmark", "benchmark", "benchmark"));
    double event = perRequest(EVENTS_PER_TENANT * count, () -> Benchmark.inParallel(live, tenant -> IntStream
        .range(0, EVENTS_PER_TENANT).forEach(copy -> events.summarize(tenant, List.of(), EventRecorder.NORMAL,
            "Applied", "created Namespace " + tenant.getMetadata().getName() + "-" + copy))));
    // The statuses claim namespaces, which the API server protects from a Tenant's deletion: say none first.
    tenants.forEach(tenant -> {
      Tenant none = new Tenant();
      none.getMetadata().setName(tenant.getMetadata().getName());
      none.setStatus(new TenantStatus(null, null, null, null, null, null, null, null, null));
      admin.resource(none).subresource("status").patch(STATUS_APPLY);
      admin.resource(tenant).delete();
    });
    Map<String, Double> costs = new LinkedHashMap<>();
    costs.put("tenant_apply", apply);
    costs.put("tenant_status_apply", status);
    costs.put("namespace_get", get);
    costs.put("event_post", event);
    return costs;
  }

  private Tenant statusAsTheOperatorWritesIt(Tenant live) {
    Tenant patch = new Tenant();
    patch.getMetadata().setName(live.getMetadata().getName());
    patch.setStatus(statuses.status(live, pipeline.plan(
        new TenantInputs(live, Examples.regions(), Examples.classifications(), List.of(), Map.of(), Instant.now()))));
    return patch;
  }

  private double perRequest(int requests, Benchmark.Work work) throws Exception {
    double before = controlPlaneSeconds();
    work.run();
    Thread.sleep(SETTLE.toMillis());
    return (controlPlaneSeconds() - before) * 1000 / requests;
  }

  private double controlPlaneSeconds() throws IOException {
    double seconds = 0;
    for (long pid : controlPlane.values()) {
      seconds += CpuTime.processSeconds(pid);
    }
    return seconds;
  }
}
