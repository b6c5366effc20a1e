package io.tenantguard.operator;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseFenceTest {
  private static final String API = "https://127.0.0.1:6443";
  private static final String LEASE = API + "/apis/coordination.k8s.io/v1/namespaces/tenantguard-system/leases/tenantguard-leader";
  private static final String APPLY = API + "/api/v1/namespaces/acme-web?fieldManager=tenantguard";

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final LeaseFence fence = new LeaseFence("tenantguard-leader", Duration.ofSeconds(10), now::get);

  @Test
  void noWriteGoesOutBeforeTheLeaseIsFirstRenewed() {
    assertFenced("PATCH", APPLY);
    assertSent("GET", APPLY);
  }

  @Test
  void writesGoOutWithinTheRenewDeadlineOfTheLastRenewal() {
    renew();
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertSent("PATCH", APPLY);
    assertSent("DELETE", API + "/apis/networking.k8s.io/v1/namespaces/acme-web/networkpolicies/x");
  }

  @Test
  void aReplicaFrozenPastTheRenewDeadlineWritesNothingButItsLeaseAndReads() {
    renew();
    now.addAndGet(Duration.ofSeconds(25).toNanos()); // SIGSTOP, then SIGCONT
    assertFenced("PATCH", APPLY);
    assertFenced("POST", API + "/api/v1/namespaces/default/events");
    assertSent("GET", LEASE);
    assertSent("PUT", LEASE);
    assertSent("POST", API + "/apis/authentication.k8s.io/v1/selfsubjectreviews");
  }

  @Test
  void aRenewalThatFailedRenewsNothing() {
    renew();
    now.addAndGet(Duration.ofSeconds(8).toNanos());
    fence.before(null, request("PUT", LEASE), null);
    fence.after(request("PUT", LEASE), response(409), null);
    now.addAndGet(Duration.ofSeconds(3).toNanos());
    assertFenced("PATCH", APPLY);
  }

  /** The renewal counts from when it was sent, not from when the answer came back. */
  @Test
  void aRenewalCountsFromWhenItWasSent() {
    fence.before(null, request("PUT", LEASE), null);
    now.addAndGet(Duration.ofSeconds(6).toNanos());
    fence.after(request("PUT", LEASE), response(200), null);
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertFenced("PATCH", APPLY);
  }

  private void renew() {
    fence.before(null, request("PUT", LEASE), null);
    fence.after(request("PUT", LEASE), response(200), null);
  }

  private void assertFenced(String method, String uri) {
    assertThatThrownBy(() -> fence.before(null, request(method, uri), null))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("fenced: this replica has not renewed its Lease");
  }

  private void assertSent(String method, String uri) {
    assertThatCode(() -> fence.before(null, request(method, uri), null)).doesNotThrowAnyException();
  }

  private static HttpRequest request(String method, String uri) {
    return new StandardHttpRequest.Builder().uri(uri).method(method, "application/json", "{}").build();
  }

  private static HttpResponse<byte[]> response(int code) {
    return new HttpResponse<>() {
      @Override
      public int code() {
        return code;
      }

      @Override
      public byte[] body() {
        return new byte[0];
      }

      @Override
      public HttpRequest request() {
        return null;
      }

      @Override
      public Optional<HttpResponse<?>> previousResponse() {
        return Optional.empty();
      }

      @Override
      public List<String> headers(String key) {
        return List.of();
      }

      @Override
      public Map<String, List<String>> headers() {
        return Map.of();
      }
    };
  }
}
