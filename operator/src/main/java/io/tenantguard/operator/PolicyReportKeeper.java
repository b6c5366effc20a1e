package io.tenantguard.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.evidence.PolicyReports;
import io.tenantguard.kube.DesiredState;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.ListPages;
import io.tenantguard.kube.ManagedFieldsFreeStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one policy report per tenant (see {@link PolicyReports}) when the cluster has the OpenReports
 * or the older wgpolicyk8s.io CRDs, and does nothing without them. It watches those two CRDs by
 * name, so a CRD installed or removed later is noticed at once; while one is there it watches the
 * Tenants and its reports, writes a report only when it differs from what the tenant's status
 * makes, restores an edited or deleted one, and removes the report of a tenant that is gone (and
 * those in the older API once the newer is installed). Reports are owned by label, as every object
 * tenantguard makes; a same-named report it did not make is left alone. All work runs on one
 * thread, in the order the watches tell it.
 */
public final class PolicyReportKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyReportKeeper.class);
  private static final long FIRST_RETRY_SECONDS = 5;
  private static final long LAST_RETRY_SECONDS = 300;

  private final KubernetesClient client;
  private final Clock clock;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "tenantguard-policy-reports");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<PolicyReports.Api, SharedIndexInformer<CustomResourceDefinition>> crds =
      new EnumMap<>(PolicyReports.Api.class);
  private final Map<PolicyReports.Api, SharedIndexInformer<GenericKubernetesResource>> reports =
      new EnumMap<>(PolicyReports.Api.class);
  /** Tasks that failed, by what they do: how many times in a row. */
  private final Map<String, Integer> failures = new HashMap<>();
  /** Tasks that failed and will be tried again: one retry pending each. */
  private final Set<String> retrying = new HashSet<>();
  /** Reports of tenantguard's name it did not make, already told: each is told once. */
  private final Set<String> foreignTold = new HashSet<>();
  private SharedIndexInformer<Tenant> tenants;
  /** The API reports are written to; null while neither CRD is installed. */
  private PolicyReports.Api writing;
  private boolean told;

  public PolicyReportKeeper(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Watches the two CRDs, then follows what is installed; in the background, so that a cluster that
   * refuses the watch costs the operator its policy reports (it says so), not its start.
   */
  public void start() {
    run("watching their CRDs", this::watchCrds);
  }

  private void watchCrds() {
    for (PolicyReports.Api api : PolicyReports.Api.values()) {
      if (!crds.containsKey(api)) {
        crds.put(api, client.apiextensions().v1().customResourceDefinitions().withName(api.crdName())
            .inform(onChange(object -> follow())));
      }
    }
    followInstalledCrds();
  }

  private void follow() {
    run("following their CRDs", this::followInstalledCrds);
  }

  /**
   * Runs a task on the worker. One that fails is told and tried again later, waiting twice as long
   * after each failure in a row, up to 5 minutes; tasks read the latest state, so one pending retry
   * of each is enough.
   */
  private void run(String what, Runnable task) {
    worker.execute(() -> attempt(what, task));
  }

  private void attempt(String what, Runnable task) {
    try {
      task.run();
      failures.remove(what);
    } catch (KubernetesClientException e) {
      if (!worker.isShutdown() && retrying.add(what)) {
        int failed = failures.merge(what, 1, Integer::sum);
        long delay = Math.min(LAST_RETRY_SECONDS, FIRST_RETRY_SECONDS << Math.min(failed - 1, 6));
        LOG.warn("policy reports: {} failed: {}; trying again in {} s", what, e.getMessage(), delay);
        worker.schedule(() -> {
          retrying.remove(what);
          attempt(what, task);
        }, delay, TimeUnit.SECONDS);
      }
    }
  }

  private void followInstalledCrds() {
    List<PolicyReports.Api> installed = Arrays.stream(PolicyReports.Api.values()).filter(this::installed).toList();
    reports.keySet().removeIf(api -> {
      boolean removed = !installed.contains(api);
      if (removed) {
        reports.get(api).close();
      }
      return removed;
    });
    installed.stream().filter(api -> !reports.containsKey(api)).forEach(api -> reports.put(api, watch(api)));
    PolicyReports.Api next = installed.isEmpty() ? null : installed.get(0);
    if (next == null && tenants != null) {
      tenants.close();
      tenants = null;
    }
    if (next != null && tenants == null) {
      SharedIndexInformer<Tenant> informer = client.resources(Tenant.class)
          .withLimit(ListPages.SIZE).runnableInformer(0)
          .itemStore(new ManagedFieldsFreeStore<>());
      informer.addEventHandler(onChange(tenant -> keep(tenant.getMetadata().getName())));
      informer.run();
      tenants = informer;
    }
    sayWhatChanged(next);
    writing = next;
    keepAll();
  }

  private void sayWhatChanged(PolicyReports.Api next) {
    if (next == null && !told) {
      LOG.info("policy reports: neither {} nor {} is installed; tenantguard writes no policy report until one is",
          PolicyReports.Api.OPEN_REPORTS.crdName(), PolicyReports.Api.WG_POLICY.crdName());
    } else if (next == null && writing != null) {
      LOG.info("policy reports: the CRD of {} was removed; tenantguard writes no policy report until one is"
          + " installed", writing);
    } else if (next != null && next != writing) {
      LOG.info("policy reports: keeping a {} for each tenant", next);
    }
    told = true;
  }

  /** Whether the API's CRD is there, established, not being removed, and serves the version written. */
  private boolean installed(PolicyReports.Api api) {
    return crds.get(api).getStore().list().stream().anyMatch(crd ->
        crd.getMetadata().getDeletionTimestamp() == null
            && crd.getStatus() != null && crd.getStatus().getConditions() != null
            && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()))
            && crd.getSpec().getVersions().stream().anyMatch(v -> v.getName().equals(api.version) && v.getServed()));
  }

  private SharedIndexInformer<GenericKubernetesResource> watch(PolicyReports.Api api) {
    var managed = reports(api).withLabel(Labels.MANAGED_BY, Labels.MANAGER).withLimit(ListPages.SIZE);
    return managed.inform(onChange(report ->
        run("keeping " + api.kind + " " + report.getMetadata().getName(), () -> keepOrRemove(api, report))));
  }

  /** A report of the API written to is kept true; one of the other API, or of a tenant gone, removed. */
  private void keepOrRemove(PolicyReports.Api api, GenericKubernetesResource report) {
    String tenant = tenantOf(report);
    if (api == writing && tenant != null) {
      keep(tenant);
    } else if (reports.containsKey(api)) {
      remove(api, report);
    }
  }

  private void keepAll() {
    if (writing == null) {
      return;
    }
    tenants.getStore().listKeys().forEach(this::keep);
    reports.forEach((api, informer) -> informer.getStore().list().stream()
        .filter(report -> api != writing || tenantOf(report) == null
            || tenants.getStore().getByKey(tenantOf(report)) == null)
        .forEach(report -> remove(api, report)));
  }

  private void keep(String tenantName) {
    run("keeping the report of tenant " + tenantName, () -> {
      if (writing == null || !installed(writing)) {
        return; // a CRD being removed takes its reports with it
      }
      SharedIndexInformer<GenericKubernetesResource> written = reports.get(writing);
      GenericKubernetesResource actual = written.getStore().getByKey(PolicyReports.name(tenantName));
      Tenant tenant = tenants.getStore().getByKey(tenantName);
      if (tenant == null) {
        if (actual != null) {
          remove(writing, actual);
        }
        return;
      }
      Optional<GenericKubernetesResource> desired = PolicyReports.desired(writing, tenant, actual, clock.instant());
      if (desired.isEmpty() || (actual != null && DesiredState.holds(actual, desired.get()))) {
        return;
      }
      if (actual == null && someoneElses(writing, desired.get())) {
        return;
      }
      reports(writing).resource(desired.get()).fieldManager(ClusterPolicies.FIELD_MANAGER).forceConflicts()
          .serverSideApply();
    });
  }

  /**
   * Whether a report of that name exists that tenantguard did not make: it is never taken over. One
   * tenantguard made carries its labels (the watch may not have told it yet).
   */
  private boolean someoneElses(PolicyReports.Api api, GenericKubernetesResource desired) {
    GenericKubernetesResource existing = reports(api).withName(desired.getMetadata().getName()).get();
    if (existing == null || Labels.MANAGER.equals(existing.getMetadata().getLabels() == null ? null
        : existing.getMetadata().getLabels().get(Labels.MANAGED_BY))) {
      foreignTold.remove(desired.getMetadata().getName());
      return false;
    }
    if (foreignTold.add(desired.getMetadata().getName())) {
      LOG.warn("policy reports: {} {} exists and is not tenantguard's; tenant {} gets no report", api.kind,
          desired.getMetadata().getName(), tenantOf(desired));
    }
    return true;
  }

  private void remove(PolicyReports.Api api, GenericKubernetesResource report) {
    reports(api).withName(report.getMetadata().getName()).delete();
  }

  private NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> reports(
      PolicyReports.Api api) {
    return client.genericKubernetesResources(api.apiVersion(), api.kind);
  }

  private static String tenantOf(HasMetadata report) {
    return report.getMetadata().getLabels().get(Labels.TENANT);
  }

  /** The same reaction to any change, deletion included. */
  private static <T> ResourceEventHandler<T> onChange(java.util.function.Consumer<T> react) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        react.accept(object);
      }

      @Override
      public void onUpdate(T before, T after) {
        react.accept(after);
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        react.accept(object);
      }
    };
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    crds.values().forEach(SharedIndexInformer::close);
    reports.values().forEach(SharedIndexInformer::close);
    if (tenants != null) {
      tenants.close();
    }
  }
}
