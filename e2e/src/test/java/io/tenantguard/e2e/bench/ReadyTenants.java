package io.tenantguard.e2e.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.e2e.Provisioned;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Tenants provisioned for their current generation ({@link Provisioned}), as a watch reports them. Polling would cost the API
 * server a list of every tenant many times a second, load the operator under test never asks for,
 * which would slow the very thing being measured.
 */
final class ReadyTenants implements AutoCloseable {
  private final Set<String> ready = new HashSet<>();
  private final String prefix;
  private SharedIndexInformer<Tenant> informer;

  private ReadyTenants(String prefix) {
    this.prefix = prefix;
  }

  static ReadyTenants watch(KubernetesClient client, String prefix) {
    ReadyTenants tenants = new ReadyTenants(prefix);
    tenants.informer = client.resources(Tenant.class).inform(tenants.handler());
    return tenants;
  }

  private ResourceEventHandler<Tenant> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Tenant tenant) {
        observe(tenant);
      }

      @Override
      public void onUpdate(Tenant old, Tenant tenant) {
        observe(tenant);
      }

      @Override
      public void onDelete(Tenant tenant, boolean finalStateUnknown) {
        mark(tenant.getMetadata().getName(), false);
      }
    };
  }

  private void observe(Tenant tenant) {
    mark(tenant.getMetadata().getName(), Provisioned.in(tenant));
  }

  private synchronized void mark(String name, boolean isReady) {
    if (!name.startsWith(prefix)) {
      return;
    }
    if (isReady) {
      ready.add(name);
    } else {
      ready.remove(name);
    }
    notifyAll();
  }

  /** Waits until {@code count} tenants are provisioned. */
  synchronized void await(int count, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (ready.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(ready.size() + " of " + count + " tenants provisioned after " + patience);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
