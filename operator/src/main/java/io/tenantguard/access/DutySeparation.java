package io.tenantguard.access;

import io.tenantguard.api.v1alpha1.tenant.TenantRole;
import io.tenantguard.capability.AccessList;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Separation of duties (ISO 27001 A.6.1.2): no subject is auditor of a tenant and also admin or
 * developer of it, in any of its namespaces, whether spec.access or a RoleBinding of the tenant's
 * own grants the role.
 */
final class DutySeparation {
  private static final Set<TenantRole> INCOMPATIBLE_WITH_AUDIT = EnumSet.of(TenantRole.admin, TenantRole.developer);

  private DutySeparation() {}

  /**
   * One sentence per subject holding incompatible roles through the entries {@code counted} keeps,
   * "User eve is auditor (spec.access) and admin (RoleBinding horizon-portal/eve)".
   */
  static List<String> conflicts(AccessList access, Predicate<AccessList.Entry> counted) {
    Map<String, List<AccessList.Entry>> bySubject = new LinkedHashMap<>();
    access.entries().stream()
        .filter(counted)
        .filter(e -> e.tenantRole().isPresent())
        .forEach(e -> bySubject.computeIfAbsent(e.subject(), s -> new ArrayList<>()).add(e));
    List<String> conflicts = new ArrayList<>();
    bySubject.forEach((subject, entries) -> {
      List<AccessList.Entry> audit = entries.stream().filter(e -> e.tenantRole().get() == TenantRole.auditor).toList();
      List<AccessList.Entry> change =
          entries.stream().filter(e -> INCOMPATIBLE_WITH_AUDIT.contains(e.tenantRole().get())).toList();
      if (!audit.isEmpty() && !change.isEmpty()) {
        conflicts.add(subject + " is auditor (" + sources(audit) + ") and " + roles(change) + " (" + sources(change) + ")");
      }
    });
    return conflicts;
  }

  private static String sources(List<AccessList.Entry> entries) {
    return entries.stream()
        .map(e -> e.tenantMade() ? "RoleBinding " + e.via() : e.via())
        .distinct()
        .collect(Collectors.joining(", "));
  }

  private static String roles(List<AccessList.Entry> entries) {
    return entries.stream().map(e -> e.tenantRole().get().name()).distinct().collect(Collectors.joining(" and "));
  }
}
