package io.tenantguard.kube;

/**
 * How many objects an informer asks for per page when it lists. Unpaged, each list of a kind arrives
 * whole beside the cache it fills, and the informers list together at start: an operator restarted
 * on 3,000 converged tenants ran out of the chart's heap that way, with the caches themselves fitting.
 */
public final class ListPages {
  public static final long SIZE = 500;

  private ListPages() {}
}
