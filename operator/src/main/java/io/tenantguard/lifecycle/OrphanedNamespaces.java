package io.tenantguard.lifecycle;

import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.kube.EventRecorder;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.ListPages;
import io.tenantguard.kube.MetadataOnlyStore;
import io.tenantguard.kube.TenantSpecs;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Watches tenantguard's namespaces for a Tenant that disappeared anyway (its CRD removed, a
 * finalizer forced): the namespaces keep their data, isolation and protection, and this says so,
 * with a Warning Event on each namespace and the gauge {@code tenantguard_orphaned_namespaces}.
 * Re-applying the Tenant takes them back. It only reads.
 */
@ControllerConfiguration(
    name = "orphaned-namespaces",
    informer = @Informer(
        informerListLimit = ListPages.SIZE,
        labelSelector = Labels.MANAGED_SELECTOR,
        itemStore = MetadataOnlyStore.class))
public class OrphanedNamespaces implements Reconciler<Namespace> {
  public static final String ORPHANED = "Orphaned";
  public static final String ADOPTED = "Adopted";
  /** Namespaces by the tenant their label names: a Tenant's event finds its own without a scan of all. */
  private static final String BY_TENANT = "byTenant";

  private final EventRecorder events;
  private final MeterRegistry meters;
  /** Namespaces already told orphaned, so that each is told once per orphaning. */
  private final Set<String> told = ConcurrentHashMap.newKeySet();
  private final TenantSpecs tenants;

  public OrphanedNamespaces(EventRecorder events, MeterRegistry meters, TenantSpecs tenants) {
    this.events = events;
    this.meters = meters;
    this.tenants = tenants;
  }

  @Override
  public List<EventSource<?, Namespace>> prepareEventSources(EventSourceContext<Namespace> context) {
    var namespaces = context.getPrimaryCache();
    namespaces.addIndexer(BY_TENANT, ns -> {
      String tenant = ns.getMetadata().getLabels().get(Labels.TENANT);
      return tenant == null ? List.of() : List.of(tenant);
    });
    EventSource<Tenant, Namespace> tenantsComingAndGoing = tenants.triggering(tenant ->
        namespaces.byIndex(BY_TENANT, tenant.getMetadata().getName()).stream()
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet()));
    meters.gauge("tenantguard.orphaned.namespaces", namespaces,
        cache -> cache.list(ns -> !tenantExists(ns)).count());
    return List.of(tenantsComingAndGoing);
  }

  @Override
  public UpdateControl<Namespace> reconcile(Namespace namespace, Context<Namespace> context) {
    String name = namespace.getMetadata().getName();
    String tenant = namespace.getMetadata().getLabels().get(Labels.TENANT);
    boolean tenantExists = tenantExists(namespace);
    if (!tenantExists && told.add(name)) {
      events.warningOnce(namespace, ORPHANED, "Tenant " + tenant + " no longer exists: namespace " + name
          + " keeps its data, isolation and protection; re-apply the Tenant to take it back");
    } else if (tenantExists && told.remove(name)) {
      events.normal(namespace, ADOPTED, "Tenant " + tenant + " exists again and holds namespace " + name);
    }
    return UpdateControl.noUpdate();
  }

  private boolean tenantExists(Namespace namespace) {
    String tenant = namespace.getMetadata().getLabels().get(Labels.TENANT);
    return tenant != null && tenants.exists(tenant);
  }
}
