package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.separation.NetworkPolicies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Traceability on the real control plane (SNC 12.6, 12.8, HDS 4.4.6.10): a tenant's own users read
 * the Events about their tenant in their namespaces and cannot erase them; and the audit trail of
 * the operator's jar, restarted once, holds under verify-audit until a line is removed or edited.
 */
@ExtendWith(RealCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the jar's run last: it stops the shared operator
class TraceabilityTest {
  private static final Path JAR = E2e.repoRoot().resolve("operator/target/tenantguard.jar");

  @Test
  void aTenantsOwnUsersReadTheEventsAboutTheirTenantInItsNamespacesAndCannotEraseThem(RealCluster.Cluster cluster) {
    cluster.operator();
    KubernetesClient admin = cluster.admin();
    Platform.applyRegionsAndClassifications(admin);
    Platform.apply(admin, Tenants.tenant("trail-clinic", List.of(), Tenants.namespace("trail-clinic-web", "de-frankfurt", "public")));
    Platform.awaitPhase(admin, "trail-clinic", TenantPhase.Ready);
    admin.network().v1().networkPolicies().inNamespace("trail-clinic-web").withName(NetworkPolicies.DEFAULT_DENY).delete();

    try (KubernetesClient auditor = cluster.as("auditor@trail-clinic.example");
        KubernetesClient tenantAdmin = cluster.as("admin@trail-clinic.example");
        KubernetesClient stranger = cluster.as("auditor@other-tenant.example")) {
      await().atMost(Platform.PATIENCE).untilAsserted(() -> {
        List<Event> events = auditor.v1().events().inNamespace("trail-clinic-web").list().getItems();
        assertThat(events).filteredOn(e -> e.getInvolvedObject().getKind().equals("Tenant")
                && e.getInvolvedObject().getName().equals("trail-clinic"))
            .extracting(Event::getReason)
            .contains("Applied", "DriftReverted");
      });
      List<Event> aboutTheTenant = auditor.v1().events().inNamespace("trail-clinic-web").list().getItems().stream()
          .filter(e -> e.getInvolvedObject().getName().equals("trail-clinic")).toList();
      assertThat(aboutTheTenant).as("each news told once, not again by a reconciliation that missed the status written")
          .allSatisfy(e -> assertThat(e.getCount()).as(e.getReason() + ": " + e.getMessage()).isEqualTo(1));
      Event told = aboutTheTenant.stream().filter(e -> e.getReason().equals("DriftReverted")).findFirst().orElseThrow();
      assertThat(told.getType()).isEqualTo("Warning");
      assertThat(told.getMessage()).contains("restored NetworkPolicy trail-clinic-web/" + NetworkPolicies.DEFAULT_DENY);

      String eventsOfWeb = "cannot %s resource \"events\" in API group \"\" in the namespace \"trail-clinic-web\"";
      assertRefused(() -> tenantAdmin.v1().events().inNamespace("trail-clinic-web").withName(told.getMetadata().getName())
          .delete(), eventsOfWeb.formatted("delete"));
      assertRefused(() -> tenantAdmin.v1().events().inNamespace("trail-clinic-web").withName(told.getMetadata().getName())
          .edit(e -> { e.setMessage("nothing happened"); return e; }), eventsOfWeb.formatted("patch"));
      assertRefused(() -> tenantAdmin.v1().events().inNamespace("trail-clinic-web").delete(),
          eventsOfWeb.formatted("deletecollection"));
      assertRefused(() -> tenantAdmin.v1().events().inNamespace("trail-clinic-web").resource(new EventBuilder()
          .withNewMetadata().withName("forged").endMetadata()
          .withNewInvolvedObject().withKind("Tenant").withName("trail-clinic").withNamespace("trail-clinic-web")
          .endInvolvedObject().withReason("Applied").withMessage("all is well").build()).create(),
          eventsOfWeb.formatted("create"));
      assertRefused(() -> stranger.v1().events().inNamespace("trail-clinic-web").list(), eventsOfWeb.formatted("list"));
    }
  }

  @Test
  void aNamespaceTheTenantDoesNotHoldGetsNoneOfItsEvents(RealCluster.Cluster cluster) {
    cluster.operator();
    KubernetesClient admin = cluster.admin();
    Platform.applyRegionsAndClassifications(admin);
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("trail-foreign").endMetadata().build())
        .create();
    Platform.apply(admin, Tenants.tenant("trail-claimer", List.of(),
        Tenants.namespace("trail-claimer-web", "de-frankfurt", "public"),
        Tenants.namespace("trail-foreign", "de-frankfurt", "public")));

    await().atMost(Platform.PATIENCE).untilAsserted(() ->
        assertThat(admin.v1().events().inNamespace("trail-claimer-web").list().getItems())
            .extracting(Event::getReason).contains("NamespaceConflict"));
    assertThat(admin.v1().events().inNamespace("trail-foreign").list().getItems())
        .noneMatch(e -> e.getInvolvedObject().getName().equals("trail-claimer"));
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void theJarsAuditTrailSurvivesARestartAndATamperedCopyFailsVerifyAudit(RealCluster.Cluster cluster) throws Exception {
    cluster.stopOperator(); // the jar is the only operator from here on
    KubernetesClient admin = cluster.admin();
    Platform.applyRegionsAndClassifications(admin);
    Path folder = Files.createDirectories(E2e.repoRoot().resolve("e2e/target/traceability"));
    Path audit = folder.resolve("audit.jsonl");
    Files.deleteIfExists(audit);

    try (Jar operator = Jar.run(cluster, folder.resolve("operator-1.log"), "run", "--probe-address", "127.0.0.1",
        "--probe-port", "0", "--audit-file", audit.toString())) {
      Platform.apply(admin, Tenants.tenant("trail-audited", List.of(),
          Tenants.namespace("trail-audited-web", "de-frankfurt", "public")));
      awaitLine(audit, "\"tenant\":\"trail-audited\"", "\"action\":\"created\"",
          "\"object\":\"NetworkPolicy trail-audited-web/" + NetworkPolicies.DEFAULT_DENY + "\"");
      // stopped once the plan is recorded as applied: what the next operator finds missing is then a drift
      await().atMost(Platform.PATIENCE).until(() -> Provisioned.in(admin.resources(Tenant.class).withName("trail-audited").get()));
    }
    try (Jar operator = Jar.run(cluster, folder.resolve("operator-2.log"), "run", "--probe-address", "127.0.0.1",
        "--probe-port", "0", "--audit-file", audit.toString())) {
      awaitLine(audit, "\"outcome\":\"AuditTrailResumed\"");
      admin.network().v1().networkPolicies().inNamespace("trail-audited-web").withName(NetworkPolicies.DEFAULT_DENY)
          .delete();
      awaitLine(audit, "\"action\":\"restored\"", "\"outcome\":\"DriftReverted\"");
    }
    List<String> lines = Files.readAllLines(audit);
    String operatorName = admin.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview())
        .getStatus().getUserInfo().getUsername();
    assertThat(lines).allSatisfy(line -> assertThat(line).contains("\"operator\":\"" + operatorName + "\""));

    Jar.Result intact = Jar.exec(cluster, "verify-audit", audit.toString());
    assertThat(intact.exitCode()).as(intact.output()).isZero();
    assertThat(intact.output()).contains("the audit chain holds over " + lines.size() + " lines")
        .contains("a restarted operator continued it at line");

    Path removed = folder.resolve("audit-line-removed.jsonl");
    List<String> withoutOne = new ArrayList<>(lines);
    withoutOne.remove(3);
    Files.write(removed, withoutOne);
    Jar.Result afterRemoval = Jar.exec(cluster, "verify-audit", removed.toString());
    assertThat(afterRemoval.exitCode()).isEqualTo(1);
    assertThat(afterRemoval.output()).contains(
        "the audit chain is broken at line 4: a line was removed between line 3 and line 4: seq 3 missing");

    Path edited = folder.resolve("audit-line-edited.jsonl");
    List<String> withAnEdit = new ArrayList<>(lines);
    withAnEdit.set(2, withAnEdit.get(2).replace("\"message\":\"", "\"message\":\"nothing happened: "));
    Files.write(edited, withAnEdit);
    Jar.Result afterEdit = Jar.exec(cluster, "verify-audit", edited.toString());
    assertThat(afterEdit.exitCode()).isEqualTo(1);
    assertThat(afterEdit.output()).contains("the audit chain is broken at line 4: line 3 was changed after line 4 was written");
  }

  private static void awaitLine(Path file, String... parts) {
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
        assertThat(Files.exists(file) ? Files.readAllLines(file) : List.<String>of())
            .as("a line of " + file + " with " + List.of(parts))
            .anySatisfy(line -> assertThat(line).contains(parts)));
  }

  private static void assertRefused(ThrowingCallable call, String reason) {
    assertThatThrownBy(call)
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("forbidden")
        .hasMessageContaining(reason);
  }

  /** tenantguard.jar in a JVM of its own, against the test cluster. */
  private static final class Jar implements AutoCloseable {
    record Result(int exitCode, String output) {}

    private final Process process;

    private Jar(Process process) {
      this.process = process;
    }

    static Jar run(RealCluster.Cluster cluster, Path log, String... args) throws IOException {
      return new Jar(builder(cluster, args).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    static Result exec(RealCluster.Cluster cluster, String... args) throws IOException, InterruptedException {
      Process process = builder(cluster, args).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.waitFor(), output);
    }

    private static ProcessBuilder builder(RealCluster.Cluster cluster, String... args) {
      assertThat(JAR).as("the operator's jar: ./mvnw install -DskipTests -pl operator builds it").exists();
      List<String> command = new ArrayList<>(List.of(
          ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
      return builder;
    }

    /** SIGTERM, as a pod's stop sends: the operator stops cleanly. */
    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
