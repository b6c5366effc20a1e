package io.tenantguard.cli;

import io.tenantguard.api.v1alpha1.tenant.Deletion;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantPhase;
import io.tenantguard.api.v1alpha1.tenant.TenantStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import java.util.ArrayList;
import java.util.stream.Collectors;
import java.util.Comparator;
import java.util.List;

/** The table of tenants that `status` and the quick start print. */
public final class TenantTable {
  private static final List<String> HEADER =
      List.of("TENANT", "PHASE", "NAMESPACES", "REGIONS", "HOSTING COUNTRIES", "DELETION", "WHY NOT READY");

  private TenantTable() {}

  public static String render(List<Tenant> tenants) {
    if (tenants.isEmpty()) {
      return "No tenants.\n";
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    tenants.stream()
        .sorted(Comparator.comparing(t -> t.getMetadata().getName()))
        .forEach(tenant -> rows.add(row(tenant)));
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        boolean last = i == row.size() - 1;
        out.append(last ? row.get(i) : String.format("%-" + (widths[i] + 3) + "s", row.get(i)));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static List<String> row(Tenant tenant) {
    TenantStatus status = tenant.getStatus();
    int wanted = tenant.getSpec().namespaces().size();
    if (status == null) {
      return List.of(tenant.getMetadata().getName(), "Pending", "0/" + wanted, "-", "-", "-", "-");
    }
    long provisioned =
        status.namespaces().stream().filter(ns -> ns.state() == NamespaceState.Provisioned).count();
    return List.of(
        tenant.getMetadata().getName(),
        status.phase() == null ? "Pending" : status.phase().name(),
        provisioned + "/" + wanted,
        orDash(String.join(",", status.regions())),
        orDash(String.join(",", status.hostingCountries())),
        deletion(status),
        whyNotReady(status));
  }

  /** Where a terminated tenant stands in its deletion schedule. */
  private static String deletion(TenantStatus status) {
    Deletion deletion = status.deletion();
    if (deletion == null) {
      return "-";
    }
    if (deletion.certificate() != null) {
      return "destroyed " + deletion.destroyedAt() + ", certificate " + deletion.certificate();
    }
    return status.phase() == TenantPhase.Destroying
        ? "destroying since " + deletion.dataAccessibleUntil()
        : "data kept until " + deletion.dataAccessibleUntil();
  }

  /** Ready's reason and the conditions that keep it false: where `kubectl describe` says more. */
  private static String whyNotReady(TenantStatus status) {
    Condition ready = Conditions.find(status.conditions(), StatusConditions.READY);
    if (ready == null || Conditions.TRUE.equals(ready.getStatus())) {
      return "-";
    }
    String failing = status.conditions().stream()
        .filter(StatusConditions::blocksReady)
        .map(Condition::getType)
        .collect(Collectors.joining(","));
    return ready.getReason() + (failing.isEmpty() ? "" : " (" + failing + ")");
  }

  private static String orDash(String value) {
    return value.isEmpty() ? "-" : value;
  }
}
