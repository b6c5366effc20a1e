package io.tenantguard.access;

import io.tenantguard.api.v1alpha1.tenant.Contact;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.capability.AccessList;
import io.tenantguard.capability.Capability;
import io.tenantguard.capability.Contribution;
import io.tenantguard.capability.PlacedNamespace;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.evidence.Control;
import io.tenantguard.evidence.Controls;
import io.tenantguard.evidence.Evidence;
import io.tenantguard.kube.StatusConditions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Contacts, access rights and their review. Every contact role a classification of the tenant
 * requires is named in spec.contacts (HDS 4.5.4). Access goes to nominal subjects from the fixed
 * roles, and no subject is auditor and admin or developer, through spec.access (refused by the API
 * server) or the tenant's own RoleBindings (reported). The client reviews the access list at the
 * interval its classifications set, naming the digest of the list it reviewed.
 */
public final class AccessCapability implements Capability {
  public static final String CONTACTS_NAMED = "ContactsNamed";
  public static final String CONTACT_MISSING = "ContactMissing";
  public static final String DUTIES_SEPARATED = "DutiesSeparated";
  public static final String DUTIES_NOT_SEPARATED = "DutiesNotSeparated";
  public static final String ACCESS_LISTED = "AccessListed";
  private static final List<Control> CONTACT_CONTROLS = List.of(Controls.ISO_ROLES, Controls.HDS_CONTACTS);
  private static final List<Control> REVIEW_CONTROLS = List.of(Controls.ISO_ACCESS_REVIEW, Controls.SNC_ACCESS_REVIEW);
  /** What the API server guarantees of spec.access (the Tenant's CEL rules), which the provider grants. */
  private static final List<Control> GRANT_CONTROLS =
      List.of(Controls.SNC_NOMINAL_ACCESS, Controls.SNC_ACCESS_RIGHTS, Controls.HDS_HEALTH_DATA_ACCESS);

  @Override
  public List<String> conditions() {
    return List.of(StatusConditions.CONTACTS_NAMED, StatusConditions.ACCESS_CONTROLLED, StatusConditions.ACCESS_REVIEWED);
  }

  @Override
  public Contribution contribute(TenantInputs inputs, List<PlacedNamespace> namespaces) {
    Contribution.Builder contribution = Contribution.builder();
    String missing = missingContacts(inputs, namespaces);
    for (Control control : CONTACT_CONTROLS) {
      contribution.evidence(missing.isEmpty()
          ? new Evidence(control, ControlState.Enforced, StatusConditions.CONTACTS_NAMED, CONTACTS_NAMED,
              "spec.contacts names every role the tenant's classifications require")
          : new Evidence(control, ControlState.Violated, StatusConditions.CONTACTS_NAMED, CONTACT_MISSING, missing));
    }
    AccessList access = AccessList.of(inputs);
    String digest = access.digest();
    accessRights(contribution, access, digest);
    AccessReviewCheck.Verdict review = AccessReviewCheck.check(inputs, namespaces, digest);
    REVIEW_CONTROLS.forEach(control -> contribution.evidence(new Evidence(
        control, review.state(), StatusConditions.ACCESS_REVIEWED, review.reason(), review.message())));
    if (review.due() != null) {
      contribution.wakeAt(review.due());
    }
    return contribution.build();
  }

  private static void accessRights(Contribution.Builder contribution, AccessList access, String digest) {
    long granted = access.entries().stream().filter(e -> !e.tenantMade()).count();
    List<String> granting = DutySeparation.conflicts(access, e -> !e.tenantMade());
    String rights = granted + " grant(s) of spec.access to nominal subjects from the fixed tenant roles (the API server"
        + " refuses system: identities and wildcards); access list " + digest + " in status.accessDigest";
    GRANT_CONTROLS.forEach(control -> contribution.evidence(new Evidence(
        control, ControlState.Enforced, StatusConditions.ACCESS_CONTROLLED, ACCESS_LISTED, rights)));
    contribution.evidence(granting.isEmpty()
        ? new Evidence(Controls.ISO_DUTIES_GRANTED, ControlState.Enforced, StatusConditions.ACCESS_CONTROLLED,
            DUTIES_SEPARATED, "no subject of spec.access is auditor and admin or developer (refused by the API server)")
        : new Evidence(Controls.ISO_DUTIES_GRANTED, ControlState.Violated, StatusConditions.ACCESS_CONTROLLED,
            DUTIES_NOT_SEPARATED, "separation of duties broken by spec.access: " + String.join("; ", granting)));
    List<String> kept = DutySeparation.conflicts(access, e -> true).stream().filter(c -> !granting.contains(c)).toList();
    long made = access.entries().stream().filter(AccessList.Entry::tenantMade).count();
    contribution.evidence(kept.isEmpty()
        ? new Evidence(Controls.ISO_DUTIES_KEPT, ControlState.Enforced, StatusConditions.ACCESS_CONTROLLED,
            DUTIES_SEPARATED, "no subject is auditor and admin or developer through the tenant's own RoleBindings ("
                + made + " subject binding(s) checked)")
        : new Evidence(Controls.ISO_DUTIES_KEPT, ControlState.Violated, StatusConditions.ACCESS_CONTROLLED,
            DUTIES_NOT_SEPARATED, "separation of duties broken by the tenant's own RoleBindings: "
                + String.join("; ", kept) + "; an auditor may not also be admin or developer"));
  }

  /** "spec.contacts has no contact with role healthProfessional (required by classification health)". */
  private static String missingContacts(TenantInputs inputs, List<PlacedNamespace> namespaces) {
    Set<String> named = inputs.spec().contacts().stream().map(Contact::role).collect(Collectors.toSet());
    Map<String, List<String>> requiredBy = new LinkedHashMap<>();
    namespaces.stream()
        .filter(ns -> ns.view().inSpec())
        .forEach(ns -> ns.view().requirements().requiredContactRoles().forEach(role ->
            requiredBy.computeIfAbsent(role, r -> new ArrayList<>()).add(ns.view().classificationName())));
    return requiredBy.entrySet().stream()
        .filter(role -> !named.contains(role.getKey()))
        .map(role -> "spec.contacts has no contact with role " + role.getKey() + " (required by classification "
            + String.join(", ", role.getValue().stream().distinct().toList()) + ")")
        .collect(Collectors.joining("; "));
  }
}
