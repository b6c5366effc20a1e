package io.tenantguard.placement;

import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.capability.Capability;
import io.tenantguard.capability.Contribution;
import io.tenantguard.capability.NamespaceMetadata;
import io.tenantguard.capability.NamespaceView;
import io.tenantguard.capability.PlacedNamespace;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.evidence.Control;
import io.tenantguard.evidence.Controls;
import io.tenantguard.evidence.Evidence;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.StatusConditions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Region pinning (HDS 4.4.7.1): a namespace is provisioned only in a Region its classification and
 * the tenant's contract allow, and in a pinned namespace pods must select the region's nodes. A
 * namespace whose Region is gone keeps the pinning it was provisioned with.
 */
public final class PlacementCapability implements Capability {
  public static final String PINNED = "Pinned";
  public static final String PLACEMENT_REFUSED = "PlacementRefused";
  public static final String PLACEMENT_VIOLATED = "PlacementViolated";
  private static final List<Control> CONTROLS = List.of(Controls.ISO_CONTRACTUAL_LOCATION, Controls.HDS_HOSTING_LOCATION);

  @Override
  public List<String> conditions() {
    return List.of(StatusConditions.REGION_PINNED);
  }

  @Override
  public List<String> refusals(NamespaceView namespace, TenantInputs inputs) {
    return PlacementRules.violations(namespace.name(), namespace.regionName(), namespace.region(),
        namespace.classificationName(), namespace.classification(), inputs.spec().compliance());
  }

  @Override
  public Contribution contribute(TenantInputs inputs, List<PlacedNamespace> namespaces) {
    Contribution.Builder contribution = Contribution.builder();
    for (PlacedNamespace namespace : namespaces) {
      if (namespace.provisioned()) {
        contribution.namespaceMetadata(namespace.name(), pinning(namespace.view()));
      }
    }
    // only the namespaces placement itself objects to: another capability's refusal is not its evidence
    Verdict verdict = verdict(namespaces.stream().filter(ns -> !refusals(ns.view(), inputs).isEmpty()).toList());
    CONTROLS.forEach(control -> contribution.evidence(new Evidence(
        control, verdict.state(), StatusConditions.REGION_PINNED, verdict.reason(), verdict.message())));

    List<NamespaceStatus> placed = namespaces.stream()
        .map(ns -> new NamespaceStatus(ns.name(), ns.view().regionName(), ns.view().classificationName(), ns.state(),
            ns.message()))
        .toList();
    MaintenanceNotices.Upcoming maintenance = MaintenanceNotices.upcoming(inputs.regions(), placed, inputs.now());
    Long generation = inputs.tenant().getMetadata().getGeneration();
    contribution.notice(maintenance.notices().isEmpty()
        ? Conditions.of(StatusConditions.MAINTENANCE_PLANNED, false, "NoneWithinNotice",
            "no maintenance window of the tenant's regions starts within 14 days", generation)
        : Conditions.of(StatusConditions.MAINTENANCE_PLANNED, true, "WithinNotice",
            String.join("; ", maintenance.notices()), generation));
    maintenance.nextDue().ifPresent(contribution::wakeAt);
    return contribution.build();
  }

  /**
   * The node selector of its Region; when the Region is gone, the one the namespace carries, so that
   * deleting a Region never unpins its data.
   */
  private static NamespaceMetadata pinning(NamespaceView view) {
    Map<String, String> annotations = new HashMap<>();
    if (view.region() != null) {
      annotations.put(NodeSelection.NODE_SELECTOR_ANNOTATION, NodeSelection.annotation(view.region()));
    } else if (view.existing() != null && view.existing().getMetadata().getAnnotations() != null
        && view.existing().getMetadata().getAnnotations().containsKey(NodeSelection.NODE_SELECTOR_ANNOTATION)) {
      annotations.put(NodeSelection.NODE_SELECTOR_ANNOTATION,
          view.existing().getMetadata().getAnnotations().get(NodeSelection.NODE_SELECTOR_ANNOTATION));
    }
    boolean pinned = view.restrictsPlacement() && !annotations.isEmpty();
    return new NamespaceMetadata(pinned ? Map.of(RegionPinningPolicy.PINNED_LABEL, "true") : Map.of(), annotations);
  }

  private record Verdict(ControlState state, String reason, String message) {}

  private static Verdict verdict(List<PlacedNamespace> namespaces) {
    String refused = messages(namespaces, NamespaceState.Refused);
    if (!refused.isEmpty()) {
      return new Verdict(ControlState.Violated, PLACEMENT_REFUSED, refused);
    }
    String violated = messages(namespaces, NamespaceState.Violated);
    if (!violated.isEmpty()) {
      return new Verdict(ControlState.Violated, PLACEMENT_VIOLATED, violated);
    }
    return new Verdict(ControlState.Enforced, PINNED,
        "every namespace sits in a region that satisfies its classification and the tenant's contract");
  }

  private static String messages(List<PlacedNamespace> namespaces, NamespaceState state) {
    return namespaces.stream().filter(ns -> ns.state() == state).map(PlacedNamespace::message)
        .collect(Collectors.joining("; "));
  }
}
