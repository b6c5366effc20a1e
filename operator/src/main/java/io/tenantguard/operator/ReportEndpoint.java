package io.tenantguard.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantguard.api.v1alpha1.ApiGroup;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.evidence.report.ComplianceReport;
import io.tenantguard.evidence.report.ReportFormat;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /reports/<tenant>[?format=json|markdown|html|oscal]}: the tenant's report, as
 * {@code tenantguard.jar report} prints it, to a caller the API server authenticates by its bearer
 * token (TokenReview) and authorizes to get that Tenant (SubjectAccessReview); 401 without a valid
 * token, 403 without the right, whoever runs the operator.
 */
final class ReportEndpoint implements HttpHandler {
  static final String PATH = "/reports/";
  private static final Logger LOG = LoggerFactory.getLogger(ReportEndpoint.class);
  private static final String TEXT = "text/plain; charset=utf-8";

  private final KubernetesClient client;
  private final Clock clock;

  ReportEndpoint(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String tenant = exchange.getRequestURI().getPath().substring(PATH.length());
      Optional<ReportFormat> format = format(exchange.getRequestURI().getQuery());
      if (!"GET".equals(exchange.getRequestMethod())) {
        ProbeServer.respond(exchange, 405, TEXT, "only GET\n");
      } else if (format.isEmpty()) {
        ProbeServer.respond(exchange, 400, TEXT, "format must be one of " + Arrays.toString(ReportFormat.values()) + "\n");
      } else {
        answer(exchange, tenant, format.get());
      }
    } catch (KubernetesClientException e) {
      LOG.warn("report request failed: {}", e.getMessage());
      ProbeServer.respond(exchange, 503, TEXT, "the API server could not check the caller: " + e.getMessage() + "\n");
    } finally {
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange, String tenant, ReportFormat format) throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    Optional<UserInfo> caller = header == null || !header.startsWith("Bearer ")
        ? Optional.empty() : authenticated(header.substring("Bearer ".length()).trim());
    if (caller.isEmpty()) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"tenantguard\"");
      ProbeServer.respond(exchange, 401, TEXT, "a bearer token the API server accepts is required\n");
      return;
    }
    if (!mayGet(caller.get(), tenant)) {
      ProbeServer.respond(exchange, 403, TEXT,
          caller.get().getUsername() + " may not get tenants/" + tenant + " (" + ApiGroup.GROUP + ")\n");
      return;
    }
    Tenant found = tenant.isEmpty() ? null : client.resources(Tenant.class).withName(tenant).get();
    if (found == null) {
      ProbeServer.respond(exchange, 404, TEXT, "no tenant " + tenant + "\n");
      return;
    }
    var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    ProbeServer.respond(exchange, 200, format.mediaType(),
        format.render(List.of(ComplianceReport.of(found, now, Version.current()))));
  }

  private Optional<UserInfo> authenticated(String token) {
    TokenReview review = client.authentication().v1().tokenReviews()
        .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
    return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAuthenticated())
        ? Optional.of(review.getStatus().getUser()) : Optional.empty();
  }

  private boolean mayGet(UserInfo user, String tenant) {
    SubjectAccessReview review = client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
        .withNewSpec()
        .withUser(user.getUsername())
        .withUid(user.getUid())
        .withGroups(user.getGroups())
        .withExtra(user.getExtra())
        .withNewResourceAttributes()
        .withGroup(ApiGroup.GROUP)
        .withResource("tenants")
        .withVerb("get")
        .withName(tenant)
        .endResourceAttributes()
        .endSpec()
        .build());
    return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
  }

  private static Optional<ReportFormat> format(String query) {
    if (query == null || query.isEmpty()) {
      return Optional.of(ReportFormat.json);
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("format=")) {
        String name = pair.substring("format=".length());
        return Arrays.stream(ReportFormat.values()).filter(f -> f.name().equals(name)).findFirst();
      }
    }
    return Optional.of(ReportFormat.json);
  }
}
