package io.tenantguard.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.ControlStatus;
import io.tenantguard.api.v1alpha1.tenant.Encryption;
import io.tenantguard.api.v1alpha1.tenant.StorageClassState;
import io.tenantguard.api.v1alpha1.tenant.StorageClassStatus;
import io.tenantguard.testing.TenantEdits;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import java.util.List;
import static org.assertj.core.groups.Tuple.tuple;
import io.tenantguard.encryption.EncryptionCapability;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.Labels;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.operator.OperatorRuntime;
import io.tenantguard.separation.NetworkPolicies;
import io.tenantguard.testing.Examples;
import io.tenantguard.testing.MockServerOperator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.tenantguard.kube.ListPages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class TenantReconcilerMockServerTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  KubernetesMockServer server;
  KubernetesClient client;
  private OperatorRuntime operator;

  @BeforeEach
  void startOperatorOnTheExamplePlatform() throws Exception {
    operator = MockServerOperator.start(server, client, Clock.systemUTC());
    Examples.regions().values().forEach(r -> client.resource(r).create());
    Examples.classifications().values().forEach(c -> client.resource(c).create());
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  @Test
  void everyKindTheOperatorWatchesItListsInPages() throws InterruptedException {
    Map<String, List<String>> listQueriesByPath = new HashMap<>();
    Set<String> watchedPaths = new HashSet<>();
    for (RecordedRequest request = server.takeRequest(2, TimeUnit.SECONDS); request != null;
        request = server.takeRequest(2, TimeUnit.SECONDS)) {
      String[] pathAndQuery = request.getPath().split("\\?", 2);
      String query = pathAndQuery.length > 1 ? pathAndQuery[1] : "";
      if (query.contains("fieldSelector=metadata.name")) { // one object by name (the CRDs): no pages
        continue;
      }
      if (query.contains("watch=true")) {
        watchedPaths.add(pathAndQuery[0]);
      } else if ("GET".equals(request.getMethod())) {
        listQueriesByPath.computeIfAbsent(pathAndQuery[0], path -> new ArrayList<>()).add(query);
      }
    }

    assertThat(watchedPaths).contains("/api/v1/namespaces", "/apis/tenantguard.io/v1alpha1/tenants");
    assertThat(watchedPaths).allSatisfy(path -> assertThat(listQueriesByPath.get(path))
        .as("the lists of %s", path)
        .isNotEmpty()
        .allSatisfy(query -> assertThat(query).contains("limit=" + ListPages.SIZE)));
  }

  @Test
  void aHealthTenantGetsLabelledNamespacesTheirPoliciesAndEncryptedStorageAndIsReady() {
    client.resource(Examples.tenant("clinique-horizon")).create();

    Tenant ready = awaitPhase("clinique-horizon", TenantPhase.Ready);

    assertThat(ready.getStatus().hostingCountries()).containsExactly("FR");
    assertThat(Conditions.isTrue(ready.getStatus().conditions(), StatusConditions.ISOLATED)).isTrue();
    assertThat(Conditions.isTrue(ready.getStatus().conditions(), StatusConditions.REGION_PINNED)).isTrue();
    assertThat(Conditions.isTrue(ready.getStatus().conditions(), StatusConditions.READY)).isTrue();
    assertThat(ready.getStatus().controls())
        .contains(new ControlStatus("SNC-9.7", ControlState.Enforced, "Enforced"),
            new ControlStatus("SNC-10.1", ControlState.Enforced, EncryptionCapability.ENCRYPTED_STORAGE));
    String storageClass = ready.getStatus().storageClasses().get(0).name();
    assertThat(client.storage().v1().storageClasses().withName(storageClass).get().getParameters())
        .containsEntry("kmsKeyId", "arn:kms:fr-paris:key/clinique-horizon-2026");
    Namespace records = client.namespaces().withName("horizon-records").get();
    assertThat(records.getMetadata().getLabels()).containsEntry(Labels.TENANT, "clinique-horizon");
    assertThat(records.getMetadata().getOwnerReferences()).as("no garbage-collected link to the Tenant").isNullOrEmpty();
    assertThat(client.network().v1().networkPolicies().inNamespace("horizon-records").list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .contains(NetworkPolicies.DEFAULT_DENY, NetworkPolicies.ALLOW_TENANT);
    assertThat(client.rbac().roleBindings().inNamespace("horizon-records").withName("tenantguard-auditor").get()).isNotNull();
    assertThat(client.resourceQuotas().inNamespace("horizon-imaging").withName("tenantguard-quota").get()).isNotNull();
    assertThat(client.limitRanges().inNamespace("horizon-portal").withName("tenantguard-limits").get()).isNotNull();
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(
        client.resources(DataClassification.class).withName("health").get().getStatus().tenants())
        .containsExactly("clinique-horizon"));
  }

  @Test
  void aTenantsUsersAreBoundOnlyOnceItsNamespacesAreConfined() throws InterruptedException {
    while (server.takeRequest(500, TimeUnit.MILLISECONDS) != null) {
      // the start's lists and watches
    }
    client.resource(Examples.tenant("clinique-horizon")).create();
    awaitPhase("clinique-horizon", TenantPhase.Ready);

    List<String> writtenKinds = new ArrayList<>(); // in the order the API server received them
    for (RecordedRequest request = server.takeRequest(500, TimeUnit.MILLISECONDS); request != null;
        request = server.takeRequest(500, TimeUnit.MILLISECONDS)) {
      String[] path = request.getPath().split("\\?", 2)[0].split("/");
      int namespaces = List.of(path).indexOf("namespaces");
      if (!"GET".equals(request.getMethod()) && namespaces >= 0 && path.length > namespaces + 2
          && path[namespaces + 1].startsWith("horizon-")) {
        writtenKinds.add(path[namespaces + 2]);
      }
    }
    assertThat(writtenKinds).contains("networkpolicies", "limitranges", "resourcequotas", "rolebindings");
    assertThat(writtenKinds.subList(writtenKinds.indexOf("rolebindings"), writtenKinds.size()))
        .as("nothing confines a namespace after its users are bound").containsOnly("rolebindings", "events");
    assertThat(writtenKinds.indexOf("resourcequotas")).as("the quota after the policies it counts")
        .isGreaterThan(writtenKinds.lastIndexOf("networkpolicies"));
  }

  @Test
  void aForeignNamespaceIsReportedAndLeftUntouched() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("lumiere-web")
        .withLabels(Map.of("team", "legacy")).endMetadata().build()).create();
    client.resource(Examples.tenant("lumiere-media")).create();

    Tenant degraded = awaitPhase("lumiere-media", TenantPhase.Degraded);

    assertThat(degraded.getStatus().namespaces().get(0).state()).isEqualTo(NamespaceState.Conflict);
    assertThat(Conditions.find(degraded.getStatus().conditions(), StatusConditions.ISOLATED).getReason())
        .isEqualTo(io.tenantguard.separation.SeparationCapability.NAMESPACE_CONFLICT);
    Namespace foreign = client.namespaces().withName("lumiere-web").get();
    assertThat(foreign.getMetadata().getLabels()).containsOnly(Map.entry("team", "legacy"));
    assertThat(foreign.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(client.network().v1().networkPolicies().inNamespace("lumiere-web").list().getItems()).isEmpty();
    assertThat(client.namespaces().withName("lumiere-cdn").get()).isNotNull();
  }

  @Test
  void aDeletedManagedPolicyIsRestoredAndRecorded() {
    client.resource(Examples.tenant("lumiere-media")).create();
    awaitPhase("lumiere-media", TenantPhase.Ready);

    client.network().v1().networkPolicies().inNamespace("lumiere-web").withName(NetworkPolicies.DEFAULT_DENY).delete();

    await().atMost(PATIENCE).untilAsserted(() -> {
      NetworkPolicy restored =
          client.network().v1().networkPolicies().inNamespace("lumiere-web").withName(NetworkPolicies.DEFAULT_DENY).get();
      assertThat(restored).isNotNull();
      assertThat(client.v1().events().inNamespace("default").list().getItems())
          .extracting(Event::getReason, Event::getMessage)
          .contains(org.assertj.core.groups.Tuple.tuple(
              "DriftReverted", "restored NetworkPolicy lumiere-web/tenantguard-default-deny after an outside change or deletion"));
    });
  }

  @Test
  void aStorageClassOfAnEarlierKeyIsKeptWhileAClaimUsesItAndPrunedAfter() {
    client.resource(Examples.tenant("clinique-horizon")).create();
    String first = awaitStorageClasses("clinique-horizon", 1).get(0).name();
    client.persistentVolumeClaims().inNamespace("horizon-records").resource(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("records").endMetadata()
        .withNewSpec().withStorageClassName(first).endSpec().build()).create();

    rotate("clinique-horizon", "arn:kms:fr-paris:key/clinique-horizon-2027");

    List<StorageClassStatus> classes = awaitStorageClasses("clinique-horizon", 2);
    assertThat(classes).extracting(StorageClassStatus::name, StorageClassStatus::state)
        .contains(tuple(first, StorageClassState.Retiring));
    assertThat(client.storage().v1().storageClasses().withName(first).get()).as("its claim still uses it").isNotNull();

    client.persistentVolumeClaims().inNamespace("horizon-records").withName("records").delete();
    rotate("clinique-horizon", "arn:kms:fr-paris:key/clinique-horizon-2028");

    StorageClassStatus current = awaitStorageClasses("clinique-horizon", 1).get(0);
    assertThat(current.keyRef()).isEqualTo("arn:kms:fr-paris:key/clinique-horizon-2028");
    assertThat(client.storage().v1().storageClasses().withLabel(Labels.TENANT, "clinique-horizon").list().getItems())
        .extracting(c -> c.getMetadata().getName()).containsExactly(current.name());
  }

  private void rotate(String tenant, String keyRef) {
    client.resources(Tenant.class).withName(tenant)
        .edit(t -> TenantEdits.encryption(t, new Encryption(keyRef, null, null)));
  }

  private List<StorageClassStatus> awaitStorageClasses(String name, int count) {
    await().atMost(PATIENCE).untilAsserted(() -> {
      Tenant tenant = client.resources(Tenant.class).withName(name).get();
      assertThat(tenant.getStatus()).isNotNull();
      assertThat(tenant.getStatus().storageClasses()).hasSize(count);
    });
    return client.resources(Tenant.class).withName(name).get().getStatus().storageClasses();
  }

  private Tenant awaitPhase(String name, TenantPhase phase) {
    await().atMost(PATIENCE).untilAsserted(() -> {
      Tenant tenant = client.resources(Tenant.class).withName(name).get();
      assertThat(tenant.getStatus()).isNotNull();
      assertThat(tenant.getStatus().phase()).isEqualTo(phase);
    });
    return client.resources(Tenant.class).withName(name).get();
  }
}
