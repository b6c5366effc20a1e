package io.tenantguard.operator;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Fences a replica that may have lost its Lease without knowing it yet (a frozen process, a long
 * pause, a partition): a write goes out only while the replica renewed its Lease less than the
 * renew deadline ago, by its own monotonic clock. Another replica takes the Lease only once it has
 * seen it unrenewed for the whole Lease duration, which is longer; so two replicas never write at
 * the same time. JOSDK stops reconciling once renewal fails, but a reconciliation already running
 * when the process froze would otherwise write after another replica took over. Reads, the Lease's
 * own renewal and reviews (which change nothing) always go out.
 */
public final class LeaseFence implements Interceptor {
  public static final String NAME = "tenantguard-lease-fence";
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  /** Requests that ask the API server something and store nothing. */
  private static final Pattern REVIEWS = Pattern.compile(".*/(selfsubjectreviews|tokenreviews|subjectaccessreviews"
      + "|selfsubjectaccessreviews|localsubjectaccessreviews|selfsubjectrulesreviews)$");

  private final Pattern lease;
  private final long renewDeadlineNanos;
  private final LongSupplier nanoTime;
  private volatile long leaseWriteSentAt;
  /** When the last successful renewal was sent; none yet: no write goes out. */
  private volatile long renewedAt;
  private volatile boolean renewed;

  public LeaseFence(String leaseName, Duration renewDeadline, LongSupplier nanoTime) {
    this.lease = Pattern.compile(".*/apis/coordination\\.k8s\\.io/v1/namespaces/[^/]+/leases(/" + Pattern.quote(leaseName) + ")?$");
    this.renewDeadlineNanos = renewDeadline.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (!WRITES.contains(request.method())) {
      return;
    }
    String path = request.uri().getPath();
    if (lease.matcher(path).matches()) {
      leaseWriteSentAt = nanoTime.getAsLong();
    } else if (!REVIEWS.matcher(path).matches() && !held()) {
      throw new KubernetesClientException("fenced: this replica has not renewed its Lease for over "
          + Duration.ofNanos(renewDeadlineNanos).toSeconds() + " s and another may lead now: " + request.method() + " "
          + path + " not sent");
    }
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    if (WRITES.contains(request.method()) && response.isSuccessful() && lease.matcher(request.uri().getPath()).matches()) {
      // renewals go one at a time: the last one sent is the one that succeeded
      renewedAt = leaseWriteSentAt;
      renewed = true;
    }
  }

  /** Whether this replica renewed its Lease within the renew deadline. */
  boolean held() {
    return renewed && nanoTime.getAsLong() - renewedAt < renewDeadlineNanos;
  }
}
