package io.tenantguard.e2e.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
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
 * the operator writes for it, and the GET that checks that a namespace belongs to no one else.
 * With the raw phase's cost per object, they give the least CPU provisioning can cost.
 */
final class RequestCosts {
  private static final PatchContext STATUS_APPLY = new PatchContext.Builder()
      .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("tenantguard").withForce(true).build();

  /** Lets the work requests set off (watch caches, the garbage collector's graph) land in their own step. */
  private static final Duration SETTLE = Duration.ofSeconds(1);

  private final TenantPipeline pipeline = OperatorRuntime.pipeline(io.tenantguard.separation.SeparationDefaults.STANDARD);
  private final TenantStatusFactory statuses = new TenantStatusFactory(Clock.systemUTC(), pipeline.conditionTypes());
  private final KubernetesClient admin;
  private final Map<String, Long> controlPlane;

  RequestCosts(KubernetesClient admin, Map<String, Long> controlPlane) {
    this.admin = admin;
    this.controlPlane = controlPlane;
  }

  /** Milliseconds of control-plane CPU per request, by kind, over {@code count} tenants. */
  Map<String, Double> measure(int count) throws Exception {
    List<Tenant> tenants = IntStream.range(0, count).mapToObj(i -> Benchmark.tenant("cost-" + i)).toList();
    double apply = perRequest(count, () -> Benchmark.inParallel(tenants, tenant -> Benchmark.apply(admin, tenant)));
    List<Tenant> statuses = tenants.stream().map(this::statusAsTheOperatorWritesIt).toList();
    double status = perRequest(count, () -> Benchmark.inParallel(statuses,
        tenant -> admin.resource(tenant).subresource("status").patch(STATUS_APPLY)));
    double get = perRequest(3 * count, () -> Benchmark.inParallel(tenants, tenant -> tenant.getSpec().namespaces()
        .forEach(namespace -> admin.namespaces().withName(namespace.name()).get())));
    // The statuses claim namespaces, which the API server protects from a Tenant's deletion: say none first.
    tenants.forEach(tenant -> {
      Tenant none = new Tenant();
      none.getMetadata().setName(tenant.getMetadata().getName());
      none.setStatus(new TenantStatus(null, null, null, null, null, null, null, null, null, null));
      admin.resource(none).subresource("status").patch(STATUS_APPLY);
      admin.resource(tenant).delete();
    });
    Map<String, Double> costs = new LinkedHashMap<>();
    costs.put("tenant_apply", apply);
    costs.put("tenant_status_apply", status);
    costs.put("namespace_get", get);
    return costs;
  }

  private Tenant statusAsTheOperatorWritesIt(Tenant wanted) {
    Tenant live = admin.resources(Tenant.class).withName(wanted.getMetadata().getName()).get();
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
