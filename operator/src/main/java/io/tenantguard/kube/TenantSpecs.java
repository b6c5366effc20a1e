package io.tenantguard.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every Tenant's identity, labels and spec, in one cache for the controllers that read no more of a
 * tenant (which regions and classes of data it names, whether a tenant of a name exists). Each of
 * them had a Tenant informer of its own: three more lists and watches of every Tenant, decoded in
 * full at each start, and three more copies, beside the Tenant controller's own cache.
 */
public final class TenantSpecs implements AutoCloseable {
  private static final OnUpdateFilter<Tenant> SPEC_CHANGES = SpecChanges.only();

  private final SharedIndexInformer<Tenant> informer;

  private TenantSpecs(SharedIndexInformer<Tenant> informer) {
    this.informer = informer;
  }

  /** The cache, not listing yet: its readers add their indexes first, then {@link #start()}. */
  public static TenantSpecs of(KubernetesClient client) {
    return new TenantSpecs(client.resources(Tenant.class)
        .withLimit(ListPages.SIZE)
        .runnableInformer(0)
        .itemStore(new SpecOnlyStore<>()));
  }

  /** An index of the tenants by the keys each yields (the regions it names, say). */
  public void addIndex(String name, Function<Tenant, List<String>> keys) {
    informer.addIndexers(Map.of(name, keys));
  }

  /** Lists and watches the Tenants; returns once the cache holds every one of them. */
  public void start() {
    InformerSync.start(informer, "the Tenants");
  }

  public List<Tenant> byIndex(String index, String key) {
    return informer.getIndexer().byIndex(index, key);
  }

  public boolean exists(String name) {
    return informer.getStore().getByKey(name) != null;
  }

  /**
   * An event source for a controller whose objects a tenant names: each is reconciled when a tenant
   * naming it comes, goes, or changes its spec, the objects it named before the change included
   * (a tenant moved out of a region changes that region too).
   */
  public <P extends HasMetadata> EventSource<Tenant, P> triggering(Function<Tenant, Set<ResourceID>> named) {
    return new Triggers<>(named);
  }

  @Override
  public void close() {
    informer.stop();
  }

  private final class Triggers<P extends HasMetadata> extends AbstractEventSource<Tenant, P>
      implements ResourceEventHandler<Tenant> {
    private final Function<Tenant, Set<ResourceID>> named;

    private Triggers(Function<Tenant, Set<ResourceID>> named) {
      super(Tenant.class);
      this.named = named;
    }

    @Override
    public void start() {
      super.start();
      informer.addEventHandler(this); // tells of every tenant already cached, then of each change
    }

    @Override
    public void stop() {
      informer.removeEventHandler(this);
      super.stop();
    }

    @Override
    public Set<Tenant> getSecondaryResources(P primary) {
      return Set.of(); // readers use the indexes
    }

    @Override
    public Status getStatus() {
      return informer.isRunning() && informer.isWatching() ? Status.HEALTHY : Status.UNHEALTHY;
    }

    @Override
    public void onAdd(Tenant tenant) {
      reconcile(named.apply(tenant));
    }

    @Override
    public void onUpdate(Tenant before, Tenant after) {
      if (SPEC_CHANGES.accept(after, before)) {
        Set<ResourceID> changed = new HashSet<>(named.apply(before));
        changed.addAll(named.apply(after));
        reconcile(changed);
      }
    }

    @Override
    public void onDelete(Tenant tenant, boolean finalStateUnknown) {
      reconcile(named.apply(tenant));
    }

    private void reconcile(Set<ResourceID> primaries) {
      if (isRunning()) {
        primaries.forEach(primary -> getEventHandler().handleEvent(new Event(primary)));
      }
    }
  }
}
