package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every rule of the schema (patterns, enums, CEL) evaluated by the real API server: it refuses
 * what it should, naming the field and the rule, and admits what it should.
 */
@ExtendWith(RealCluster.class)
class CrdValidationTest {
  private static final String CONTACTS = "contacts: [{name: M, email: m@example.org, role: manager}]";

  private static String tenant(String name, String spec) {
    return "apiVersion: tenantguard.io/v1alpha1\nkind: Tenant\nmetadata: {name: " + name + "}\nspec:\n"
        + "  displayName: Test\n" + spec.indent(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          no manager contact        | contacts: [{name: S, email: s@example.org, role: dpo}]                                                                        | spec.contacts          | must include a contact with role manager
          duplicate namespace       | $C\\nnamespaces: [{name: a, region: r, classification: c}, {name: a, region: r2, classification: c}]                          | spec.namespaces        | namespace names must be unique within a tenant
          auditor who is admin      | $C\\naccess: [{subject: {kind: User, name: eve}, role: admin}, {subject: {kind: User, name: eve}, role: auditor}]             | spec.access            | separation of duties
          system identity           | $C\\naccess: [{subject: {kind: Group, name: 'system:authenticated'}, role: viewer}]                                          | spec.access[0].subject.name | must name a nominal subject
          service account, no ns    | $C\\naccess: [{subject: {kind: ServiceAccount, name: ci}, role: developer}]                                                   | spec.access[0].subject.namespace | namespace is required for a ServiceAccount
          unknown role              | $C\\naccess: [{subject: {kind: User, name: eve}, role: owner}]                                                                | spec.access[0].role    | Unsupported value: "owner"
          namespace not DNS-1123    | $C\\nnamespaces: [{name: Bad_Name, region: r, classification: c}]                                                            | spec.namespaces[0].name | should match
          two peers in one flow     | $C\\nnetwork: {egress: [{tenant: t, cidr: 10.0.0.0/8}]}                                                                      | spec.network.egress[0] | exactly one of tenant, namespace or cidr
          bad cidr                  | $C\\nnetwork: {egress: [{cidr: 10.0.0.0/33}]}                                                                                | spec.network.egress[0].cidr | must be a CIDR
          bad port                  | $C\\nnetwork: {ingress: [{namespace: x, ports: [{port: 70000}]}]}                                                            | spec.network.ingress[0].ports[0].port | should be less than or equal to 65535
          bad lifecycle state       | $C\\nlifecycle: {state: Deleted}                                                                                            | spec.lifecycle.state   | Unsupported value: "Deleted"
          review of no digest       | $C\\naccessReview: {lastReviewedAt: '2026-11-30T09:00:00Z', reviewer: Claire, accessDigest: 'md5:abc'}                      | spec.accessReview.accessDigest | should match '^sha256:[0-9a-f]{64}$'
          review without a date     | $C\\naccessReview: {reviewer: Claire, accessDigest: 'sha256:0000000000000000000000000000000000000000000000000000000000000000'} | spec.accessReview.lastReviewedAt | Required value
          """)
  void tenantRuleRefusesAndNamesTheField(String rule, String spec, String field, String message, RealCluster.Cluster cluster) {
    String yaml = tenant("cv-" + rule.replaceAll("[^a-z]+", "-"), spec.replace("$C", CONTACTS).replace("\\n", "\n"));

    assertThatThrownBy(() -> cluster.admin().resource(yaml).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(field)
        .hasMessageContaining(message);
  }

  @Test
  void aValidTenantWithEveryRuleSatisfiedIsAdmitted(RealCluster.Cluster cluster) {
    String yaml = tenant("cv-valid", CONTACTS + """

        namespaces: [{name: a, region: r, classification: c}, {name: b, region: r, classification: c}]
        access:
          - {subject: {kind: User, name: eve}, role: admin}
          - {subject: {kind: User, name: bob}, role: auditor}
          - {subject: {kind: ServiceAccount, name: ci, namespace: a}, role: developer}
        quota: {pods: 20, cpu: "4"}
        network: {egress: [{cidr: 10.0.0.0/8, ports: [{port: 443}]}], ingress: [{tenant: other}]}
        """);

    assertThatCode(() -> cluster.admin().resource(yaml).create()).doesNotThrowAnyException();
    cluster.admin().resources(io.tenantguard.api.v1alpha1.tenant.Tenant.class).withName("cv-valid").delete();
  }

  @Test
  void aTerminatedTenantCannotReturnToActive(RealCluster.Cluster cluster) {
    var tenants = cluster.admin().resources(io.tenantguard.api.v1alpha1.tenant.Tenant.class);
    cluster.admin().resource(tenant("cv-terminated", CONTACTS + "\nlifecycle: {state: Terminated}")).create();

    assertThatThrownBy(() -> cluster.admin().resource(tenant("cv-terminated", CONTACTS + "\nlifecycle: {state: Active}"))
            .fieldManager("e2e").forceConflicts().serverSideApply())
        .hasMessageContaining("spec.lifecycle.state")
        .hasMessageContaining("a Terminated tenant cannot return to Active or Suspended");
    tenants.withName("cv-terminated").delete();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          lower-case country   | country: fr, jurisdiction: EU, nodeSelector: {zone: a}                   | spec.country       | should match
          unknown jurisdiction | country: FR, jurisdiction: Mars, nodeSelector: {zone: a}                 | spec.jurisdiction  | Unsupported value: "Mars"
          no node selector     | country: FR, jurisdiction: EU                                            | spec.nodeSelector  | Required value
          unknown cert         | country: FR, jurisdiction: EU, nodeSelector: {zone: a}, certifications: [PCI] | spec.certifications[0] | Unsupported value: "PCI"
          window ends first    | country: FR, jurisdiction: EU, nodeSelector: {zone: a}, maintenance: [{start: '2026-12-02T00:00:00Z', end: '2026-12-01T00:00:00Z'}] | spec.maintenance[0].end | end must be after start
          """)
  void regionRuleRefusesAndNamesTheField(String rule, String spec, String field, String message, RealCluster.Cluster cluster) {
    String yaml = "apiVersion: tenantguard.io/v1alpha1\nkind: Region\nmetadata: {name: cv-" + rule.replaceAll("[^a-z]+", "-")
        + "}\nspec: {" + spec + "}\n";

    assertThatThrownBy(() -> cluster.admin().resource(yaml).create())
        .hasMessageContaining(field)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "retention {0}: {1}")
  @CsvSource({"P90D, true", "PT40S, true", "P3M, true", "P1Y2M3DT4H5M6.5S, true", "P, false", "P1DT, false", "90 days, false", "PT, false"})
  void retentionAcceptsIso8601DurationsOnly(String duration, boolean admitted, RealCluster.Cluster cluster) {
    String yaml = "apiVersion: tenantguard.io/v1alpha1\nkind: DataClassification\nmetadata: {name: cv-retention}\n"
        + "spec: {retention: {afterTermination: '" + duration + "'}}\n";
    var classifications = cluster.admin().resources(io.tenantguard.api.v1alpha1.classification.DataClassification.class);
    try {
      if (admitted) {
        assertThatCode(() -> cluster.admin().resource(yaml).create()).doesNotThrowAnyException();
      } else {
        assertThatThrownBy(() -> cluster.admin().resource(yaml).create())
            .hasMessageContaining("spec.retention.afterTermination");
      }
    } finally {
      classifications.withName("cv-retention").delete();
      org.awaitility.Awaitility.await().until(() -> classifications.withName("cv-retention").get() == null);
    }
  }

  @Test
  void aDestructionCertificateCannotChangeOnceWritten(RealCluster.Cluster cluster) {
    String certificate = """
        apiVersion: tenantguard.io/v1alpha1
        kind: DestructionCertificate
        metadata: {name: cv-proof, finalizers: [tenantguard.io/retain-until]}
        spec:
          tenant: gone
          tenantUid: 0b6f5c1e-0000-4000-8000-000000000001
          terminatedAt: '2026-01-01T00:00:00Z'
          dataAccessibleUntil: '2026-04-01T00:00:00Z'
          destroyedAt: '2026-04-01T00:05:00Z'
          operatorVersion: 0.1.0
          digest: %s
          signature: {algorithm: Ed25519, keyId: test, value: test}
          retainUntil: '%s'
        """;
    // kept until then by the operator's finalizer, which this test's deletion waits for; only the
    // operator writes certificates (an admission policy): the schema's rule holds it to them too
    String retainUntil = java.time.Instant.now().plusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    KubernetesClient operator = cluster.operator().client();
    operator.resource(certificate.formatted("a".repeat(64), retainUntil)).create();

    assertThatThrownBy(() -> operator.resource(certificate.formatted("b".repeat(64), retainUntil))
            .fieldManager("e2e").forceConflicts().serverSideApply())
        .hasMessageContaining("a DestructionCertificate is immutable once written");
    operator.resources(io.tenantguard.api.v1alpha1.certificate.DestructionCertificate.class).withName("cv-proof").delete();
  }
}
