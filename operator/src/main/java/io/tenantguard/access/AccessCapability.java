package io.tenantguard.access;

import io.tenantguard.api.v1alpha1.tenant.Contact;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.capability.Capability;
import io.tenantguard.capability.Contribution;
import io.tenantguard.capability.Declared;
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
 * Contacts and access reviews. Contacts are checked: every role a classification of the tenant
 * requires is named in spec.contacts (HDS 4.5.4). Access reviews are not yet checked: a review
 * interval a classification sets gives NotEnforced evidence.
 */
public final class AccessCapability implements Capability {
  public static final String CONTACTS_NAMED = "ContactsNamed";
  public static final String CONTACT_MISSING = "ContactMissing";
  private static final List<Control> CONTACT_CONTROLS = List.of(Controls.ISO_ROLES, Controls.HDS_CONTACTS);
  private static final List<Control> REVIEW_CONTROLS = List.of(Controls.ISO_ACCESS_REVIEW, Controls.SNC_ACCESS_REVIEW);

  @Override
  public List<String> conditions() {
    return List.of(StatusConditions.CONTACTS_NAMED, StatusConditions.ACCESS_REVIEWED);
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
    List<String> reviewed = Declared.namespaces(namespaces, ns -> ns.requirements().accessReviewInterval() != null);
    for (Control control : REVIEW_CONTROLS) {
      contribution.evidence(reviewed.isEmpty()
          ? new Evidence(control, ControlState.NotApplicable, StatusConditions.ACCESS_REVIEWED,
              StatusConditions.NOT_REQUIRED, "no classification of the tenant sets an access review interval")
          : new Evidence(control, ControlState.NotEnforced, StatusConditions.ACCESS_REVIEWED,
              StatusConditions.NOT_IMPLEMENTED, "the classifications of namespaces " + String.join(", ", reviewed)
                  + " set requirements.accessReviewInterval: this version of tenantguard does not check reviews yet"));
    }
    return contribution.build();
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
