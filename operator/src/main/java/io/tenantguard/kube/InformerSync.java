package io.tenantguard.kube;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts an informer of the operator's own and waits until its cache holds every object listed. */
public final class InformerSync {
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private InformerSync() {}

  /** {@code what} names the objects listed, for the error: "the Tenants". Stopped again on failure. */
  public static void start(SharedIndexInformer<?> informer, String what) {
    try {
      informer.start().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      informer.stop();
      throw new IllegalStateException("could not list " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      informer.stop();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing " + what, e);
    }
  }
}
