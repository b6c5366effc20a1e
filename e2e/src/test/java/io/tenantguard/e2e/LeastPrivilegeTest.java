package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Least privilege, proved from the API server's own record: the operator of every suite ran under
 * the chart's identity, and the chart's ClusterRole and Role hold no wildcard and no permission the operator
 * did not use during the run (its audit log, which records every request of that identity), but
 * those the API server checks without a request of their own, each named here with the reason. Not
 * one request of the operator was refused by RBAC, but where FailClosedTest takes a permission away
 * on purpose. Runs after every suite that shares the operator.
 */
@ExtendWith(RealCluster.class)
@Order(Integer.MAX_VALUE - 1)
class LeastPrivilegeTest {
  /** Permissions the API server checks on the operator's behalf, never as a request of that verb. */
  private static final Map<String, String> CHECKED_WITHOUT_A_REQUEST = Map.of(
      "rbac.authorization.k8s.io/clusterroles bind",
      "RBAC's escalation check: a RoleBinding to a tenant role needs bind on it",
      "/resourcequotas get", "binding an admission policy whose parameter is a ResourceQuota",
      "/limitranges get", "binding an admission policy whose parameter is a LimitRange",
      "networking.k8s.io/networkpolicies get", "binding an admission policy whose parameter is a NetworkPolicy",
      "coordination.k8s.io/leases update", "the SDK asks for it (a SelfSubjectRulesReview) before it runs for the Lease; renewals are patches");
  /** What every authenticated user may do (system:basic-user, system:discovery): no grant of the chart's. */
  private static final Set<String> EVERY_USER_MAY = Set.of(
      "/ get", // discovery and /version, non-resource URLs
      "authorization.k8s.io/selfsubjectrulesreviews create");

  @Test
  void theChartsClusterRoleHoldsNoWildcard() {
    ClusterRole role = Chart.convert(Chart.operatorIdentity("e2e", RealCluster.OPERATOR_NAMESPACE).stream()
        .filter(o -> o.getKind().equals("ClusterRole")).findFirst().orElseThrow(), ClusterRole.class);

    for (PolicyRule rule : role.getRules()) {
      assertThat(rule.getApiGroups()).as(rule.toString()).doesNotContain("*");
      assertThat(rule.getResources()).as(rule.toString()).isNotEmpty().doesNotContain("*").noneMatch(r -> r.endsWith("/*"));
      assertThat(rule.getVerbs()).as(rule.toString()).doesNotContain("*");
      assertThat(rule.getNonResourceURLs()).as(rule.toString()).isNullOrEmpty();
    }
  }

  @Test
  void theOperatorUsedEveryPermissionOfTheChartAndWasNeverRefused(RealCluster.Cluster cluster) throws IOException {
    Path log = cluster.auditLog().orElse(null);
    Assumptions.assumeTrue(log != null && Files.exists(log), "the audit log of a control plane this run started");
    OperatorIdentity identity = cluster.operatorIdentity();
    Set<String> used = new TreeSet<>();
    Map<String, String> refused = new TreeMap<>();
    int requests = 0;
    for (String line : Files.readAllLines(log)) {
      JsonNode event = Serialization.jsonMapper().readTree(line);
      String stage = event.path("stage").asText();
      boolean answered = stage.equals("ResponseComplete")
          || (stage.equals("ResponseStarted") && event.path("verb").asText().equals("watch")); // still open
      if (!identity.username().equals(event.path("user").path("username").asText()) || !answered) {
        continue;
      }
      requests++;
      String resource = resource(event.path("objectRef"));
      int code = event.path("responseStatus").path("code").asInt();
      String verb = event.path("verb").asText();
      used.add(resource + " " + verb);
      if (verb.equals("patch") && code == 201) {
        used.add(resource + " create"); // server-side apply that creates is authorized as create too
      }
      boolean takenAway = FailClosedTest.NS.equals(event.path("objectRef").path("namespace").asText());
      if (code == 403 && event.path("responseStatus").path("message").asText().contains("cannot ") && !takenAway) {
        refused.put(resource + " " + verb, event.path("responseStatus").path("message").asText());
      }
    }
    Set<String> granted = granted(identity.rules());
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(used);
    unused.removeAll(CHECKED_WITHOUT_A_REQUEST.keySet());
    Set<String> beyond = new TreeSet<>(used);
    beyond.removeAll(granted);
    beyond.removeAll(EVERY_USER_MAY);

    ReliabilityFigures.put("operator_requests_audited", requests);
    ReliabilityFigures.put("operator_permissions_granted", granted.size());
    ReliabilityFigures.put("operator_permissions_used_in_requests", granted.stream().filter(used::contains).count());
    ReliabilityFigures.put("operator_permissions_checked_without_a_request",
        granted.stream().filter(CHECKED_WITHOUT_A_REQUEST::containsKey).count());
    assertThat(requests).as("requests of the operator in the audit log").isPositive();
    assertThat(refused).as("requests of the operator refused by RBAC").isEmpty();
    assertThat(beyond).as("what the operator did beyond the chart's ClusterRole and Role").isEmpty();
    assertThat(unused).as("permissions of the chart's ClusterRole and Role the operator never used in the run").isEmpty();
  }

  /** "group/resource[/subresource] verb" for each permission the rules grant. */
  private static Set<String> granted(List<PolicyRule> rules) {
    Set<String> granted = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            granted.add(group + "/" + resource + " " + verb);
          }
        }
      }
    }
    return granted;
  }

  private static String resource(JsonNode objectRef) {
    String subresource = objectRef.path("subresource").asText("");
    return objectRef.path("apiGroup").asText("") + "/" + objectRef.path("resource").asText()
        + (subresource.isEmpty() ? "" : "/" + subresource);
  }
}
