package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.e2e.bench.PrometheusText;
import io.tenantguard.kube.Clients;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of invalid manifests (src/test/resources/invalid/, every field of the four kinds)
 * applied to the real control plane as a platform team or a GitOps pipeline would, with the operator
 * running. Each file says on its second line what must happen: {@code refused: FIELD | RULE}, the API
 * server refuses it naming both; or {@code reported: CONDITION | FIELD | TEXT}, it is admitted and the
 * Tenant's condition turns False naming both. The documents before the last are applied first, as
 * they are (another Tenant, the object before an edit). Then the operator must still be healthy, every
 * admitted Tenant settled, and its reconciliations few: no crash, no stuck reconcile, no hot loop.
 */
@ExtendWith(RealCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {
  private static final Path CORPUS = E2e.repoRoot().resolve("e2e/src/test/resources/invalid");
  /** Stands for a string of one mebibyte, so that the corpus does not carry it. */
  private static final String ONE_MEGABYTE = "${1MB}";
  private static final Duration QUIET = Duration.ofSeconds(20);
  /** Most reconciliations a minute the operator may spend on a cluster where nothing changes. */
  private static final int BOUND_PER_MINUTE = 30;

  private final Set<String> admitted = ConcurrentHashMap.newKeySet();
  private RealCluster.Cluster cluster;
  private KubernetesClient admin;
  private int refused;
  private int reported;

  @BeforeAll
  void platform(RealCluster.Cluster cluster) {
    this.cluster = cluster;
    cluster.operator();
    // the API server answers a wrong type in a server-side apply with a 500: tried once, not retried
    admin = Clients.create(new ConfigBuilder(cluster.adminConfig()).withRequestRetryBackoffLimit(0).build());
    Platform.applyRegionsAndClassifications(admin);
  }

  static Stream<String> corpus() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  @Order(0)
  void theCorpusHoldsAtLeastSixtyManifestsOfTheFourKinds() throws IOException {
    List<String> files = corpus().toList();

    assertThat(files).hasSizeGreaterThanOrEqualTo(60);
    assertThat(files).anyMatch(f -> f.startsWith("tenant-")).anyMatch(f -> f.startsWith("region-"))
        .anyMatch(f -> f.startsWith("classification-")).anyMatch(f -> f.startsWith("certificate-"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @Order(1)
  void eachInvalidManifestIsRefusedOrReportedNamingTheField(String file) throws IOException {
    List<String> lines = Files.readAllLines(CORPUS.resolve(file));
    String[] expectation = lines.get(1).replaceFirst("^# ", "").split(": ", 2);
    String[] parts = Arrays.stream(expectation[1].split("\\|")).map(String::trim).toArray(String[]::new);
    List<GenericKubernetesResource> documents = documents(Files.readString(CORPUS.resolve(file)));
    documents.subList(0, documents.size() - 1).forEach(this::applySettled);
    GenericKubernetesResource manifest = documents.get(documents.size() - 1);

    switch (expectation[0]) {
      case "refused" -> {
        Throwable refusal = catchThrowable(() -> apply(manifest));
        assertThat(refusal).as(file + ": refused").isInstanceOf(KubernetesClientException.class);
        assertThat(refusal.getMessage()).as(file).contains(parts[0]).contains(parts[1]);
        refused++;
      }
      case "reported" -> {
        applySettled(manifest);
        Condition condition = await().atMost(Platform.PATIENCE).until(
            () -> Conditions.find(admin.resources(Tenant.class).withName(name(manifest)).get().getStatus().conditions(),
                parts[0]),
            c -> c != null && Conditions.FALSE.equals(c.getStatus()) && c.getMessage().contains(parts[2]));
        assertThat(condition.getMessage()).as(file).contains(parts[1]).contains(parts[2]);
        reported++;
      }
      default -> throw new IllegalStateException(file + ": the second line says neither refused: nor reported:");
    }
  }

  @AfterAll
  void closeClient() {
    admin.close();
  }

  @Test
  @Order(2)
  void theOperatorKeepsWorkingNoTenantStuckAndNoHotLoop() throws InterruptedException {
    assertThat(cluster.operator().healthy()).as("every informer of the operator connected").isTrue();
    for (String tenant : admitted) {
      assertThat(settled(admin.resources(Tenant.class).withName(tenant).get())).as("settled: " + tenant).isTrue();
    }
    double before = tenantReconciliations();
    Thread.sleep(QUIET.toMillis());
    double perMinute = (tenantReconciliations() - before) * 60.0 / QUIET.toSeconds();

    ReliabilityFigures.put("bad_input_manifests", corpusSize());
    ReliabilityFigures.put("bad_input_refused_at_admission", refused);
    ReliabilityFigures.put("bad_input_reported_in_a_condition", reported);
    ReliabilityFigures.put("bad_input_quiet_tenant_reconciles_per_minute", perMinute);
    assertThat(perMinute).as("tenant reconciliations a minute on a quiet cluster").isLessThanOrEqualTo(BOUND_PER_MINUTE);
    assertThatCode(() -> admin.resources(Tenant.class).list()).doesNotThrowAnyException();
  }

  private static double corpusSize() {
    try {
      return corpus().count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private double tenantReconciliations() {
    return PrometheusText.sum(cluster.operator().metrics(), "operator_sdk_reconciliations_started_total",
        labels -> labels.contains("kind=\"Tenant\""));
  }

  /** Applied, and when it is a Tenant, its status written for the generation applied. */
  private void applySettled(GenericKubernetesResource object) {
    apply(object);
    if (object.getKind().equals("Tenant")) {
      admitted.add(name(object));
      await().atMost(Platform.PATIENCE).until(() -> settled(admin.resources(Tenant.class).withName(name(object)).get()));
    }
  }

  private void apply(GenericKubernetesResource object) {
    admin.resource(object).fieldManager("platform-team").forceConflicts().serverSideApply();
  }

  private static boolean settled(Tenant tenant) {
    return tenant != null && tenant.getStatus() != null
        && Objects.equals(tenant.getStatus().observedGeneration(), tenant.getMetadata().getGeneration())
        && !Conditions.isTrue(tenant.getStatus().conditions(), StatusConditions.RECONCILING);
  }

  private static String name(GenericKubernetesResource object) {
    return object.getMetadata().getName();
  }

  /** The documents of a corpus file, as the API server will receive them: no client-side typing. */
  private static List<GenericKubernetesResource> documents(String yaml) {
    List<GenericKubernetesResource> documents = new ArrayList<>();
    for (String document : yaml.replace(ONE_MEGABYTE, "1".repeat(1 << 20)).split("(?m)^---$")) {
      documents.add(Serialization.unmarshal(document, GenericKubernetesResource.class));
    }
    return documents;
  }
}
