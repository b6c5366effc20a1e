package io.tenantguard.lifecycle;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchConditionBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.tenantguard.admission.AdmissionPolicy;
import io.tenantguard.api.v1alpha1.ApiGroup;
import io.tenantguard.kube.Labels;
import java.util.List;
import java.util.Map;

/**
 * No single deletion shortcuts the deletion schedule. The API server refuses, for everyone (cluster
 * admins included) but the operator itself:
 *
 * <ul>
 *   <li>deleting a Tenant whose status shows it still holds namespaces (data);
 *   <li>deleting a namespace a Tenant holds, unless it was removed from the Tenant's spec (Retained);
 *   <li>creating, relabelling or unlabelling a namespace so as to forge or drop tenantguard's
 *       ownership, which would let the operator adopt a foreign namespace or an admin delete data.
 * </ul>
 *
 * And it refuses the operator itself marking an existing namespace as tenantguard's (everyone else
 * is refused by the rule above): the operator only ever creates its namespaces, so a namespace
 * someone else created just before a Tenant named it is never adopted, whatever its caches said.
 */
public final class DataDeletionProtection {
  public static final String TENANTS = "tenantguard-protect-tenant-data";
  public static final String NAMESPACES = "tenantguard-protect-tenant-namespaces";
  public static final String NEVER_ADOPT = "tenantguard-never-adopt-namespaces";
  /** Namespace states that hold data: a Tenant showing one may not be deleted (Destroying: not yet certified). */
  private static final String HOLDING = "['Provisioned', 'Violated', 'Retained', 'Destroying']";

  private DataDeletionProtection() {}

  public static List<AdmissionPolicy> policies(String operatorUsername) {
    return List.of(tenants(operatorUsername), namespaces(operatorUsername), neverAdopt(operatorUsername));
  }

  private static AdmissionPolicy tenants(String operatorUsername) {
    String holding = "oldObject.status.namespaces.filter(n, n.state in " + HOLDING + ")";
    return new AdmissionPolicy(
        TENANTS,
        List.of(AdmissionPolicy.rule(ApiGroup.GROUP, List.of("tenants"), "DELETE")),
        List.of(notTheOperator(operatorUsername)),
        List.of(),
        List.of(new ValidationBuilder()
            .withExpression("!has(oldObject.status) || !has(oldObject.status.namespaces) || size(" + holding + ") == 0")
            .withMessageExpression("'tenant ' + oldObject.metadata.name + ' still holds the data of namespaces '"
                + " + " + holding + ".map(n, n.name).join(', ')"
                + " + ': deleting the Tenant does not end it. To end a tenant, set spec.lifecycle.state: Terminated:"
                + " its data is kept for the retention period, then destroyed with a certificate'")
            .withReason("Forbidden")
            .build()),
        Map.of());
  }

  private static AdmissionPolicy namespaces(String operatorUsername) {
    String managed = "'" + Labels.MANAGED_BY + "'";
    String ownedBefore = "(oldObject != null && has(oldObject.metadata.labels) && " + managed
        + " in oldObject.metadata.labels && oldObject.metadata.labels[" + managed + "] == '" + Labels.MANAGER + "')";
    String ownedAfter = ownedBefore.replace("oldObject", "object");
    return new AdmissionPolicy(
        NAMESPACES,
        List.of(AdmissionPolicy.rule("", List.of("namespaces"), "CREATE", "UPDATE", "DELETE")),
        List.of(notTheOperator(operatorUsername),
            new MatchConditionBuilder().withName("a-tenantguard-namespace").withExpression(ownedBefore + " || " + ownedAfter)
                .build()),
        List.of(),
        List.of(
            new ValidationBuilder()
                .withExpression("request.operation != 'DELETE' || (" + label("oldObject", Labels.RETAINED) + " == 'true')")
                .withMessageExpression("'namespace ' + oldObject.metadata.name + ' holds data of tenant '"
                    + " + " + label("oldObject", Labels.TENANT)
                    + " + ': only the tenant\\'s lifecycle deletes it (spec.lifecycle.state: Terminated). To delete it on"
                    + " purpose, first remove it from the Tenant\\'s spec.namespaces: it is then Retained, and an"
                    + " administrator may delete it'")
                .withReason("Forbidden")
                .build(),
            new ValidationBuilder()
                .withExpression("request.operation == 'DELETE' || (" + String.join(" && ",
                    unchanged(Labels.MANAGED_BY), unchanged(Labels.TENANT), unchanged(Labels.RETAINED),
                    unchanged(FrozenNamespaces.FROZEN_LABEL)) + ")")
                .withMessageExpression("'namespace ' + object.metadata.name + ': the labels " + Labels.MANAGED_BY + ", "
                    + Labels.TENANT + ", " + Labels.RETAINED + " and " + FrozenNamespaces.FROZEN_LABEL
                    + " record which tenant holds its data and whether it is frozen; only tenantguard sets or changes"
                    + " them'")
                .withReason("Forbidden")
                .build()),
        Map.of());
  }

  private static AdmissionPolicy neverAdopt(String operatorUsername) {
    return new AdmissionPolicy(
        NEVER_ADOPT,
        List.of(AdmissionPolicy.rule("", List.of("namespaces"), "UPDATE")),
        List.of(new MatchConditionBuilder().withName("tenantguard")
                .withExpression("request.userInfo.username == '" + operatorUsername + "'").build(),
            new MatchConditionBuilder().withName("marked-as-tenantguard-s")
            .withExpression(label("object", Labels.MANAGED_BY) + " == '" + Labels.MANAGER + "' && "
                + label("oldObject", Labels.MANAGED_BY) + " != '" + Labels.MANAGER + "'")
            .build()),
        List.of(),
        List.of(new ValidationBuilder()
            .withExpression("false")
            .withMessageExpression("'namespace ' + object.metadata.name + ' was not created by tenantguard: tenantguard"
                + " never adopts a namespace; a Tenant naming it reports a Conflict'")
            .withReason("Forbidden")
            .build()),
        Map.of());
  }

  static String label(String object, String key) {
    return "(" + object + " != null && has(" + object + ".metadata.labels) && '" + key + "' in " + object
        + ".metadata.labels ? " + object + ".metadata.labels['" + key + "'] : '')";
  }

  private static String unchanged(String key) {
    return label("object", key) + " == " + label("oldObject", key);
  }

  static MatchCondition notTheOperator(String operatorUsername) {
    return new MatchConditionBuilder()
        .withName("not-tenantguard")
        .withExpression("request.userInfo.username != '" + operatorUsername + "'")
        .build();
  }
}
