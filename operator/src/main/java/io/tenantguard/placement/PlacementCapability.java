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
  public static final String COUNTRY_CHOSEN = "CountryChosen";
  private static final List<Control> CONTROLS =
      List.of(Controls.ISO_CONTRACTUAL_LOCATION, Controls.HDS_HOSTING_LOCATION, Controls.SNC_DATA_LOCALISATION);

  @Override
  public List<String> conditions() {
    return List.of(StatusConditions.REGION_PINNED);
  }

  @Override
  public List<String> refusals(NamespaceView namespace, TenantInputs inputs) {
    return PlacementRules.violations(namespace.name(), inputs.namespaceField(namespace.name()),
        namespace.regionName(), namespace.region(),
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
    Verdict verdict = verdict(namespaces.stream().filter(ns -> !refusals(ns.view(), inputs).isEmpty()).toList(),
        namespaces);
    CONTROLS.forEach(control -> contribution.evidence(new Evidence(
        control, verdict.state(), StatusConditions.REGION_PINNED, verdict.reason(), verdict.message())));
    // the client's part: the region each namespace names is its choice, held when placement holds
    contribution.evidence(new Evidence(Controls.HDS_HOSTING_CHOICE, verdict.state(), StatusConditions.REGION_PINNED,
        verdict.state() == ControlState.Enforced ? COUNTRY_CHOSEN : verdict.reason(), verdict.message()));

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

  /**
   * @param objected the namespaces placement itself objects to
   * @param namespaces all of them, for where the data is hosted
   */
  private static Verdict verdict(List<PlacedNamespace> objected, List<PlacedNamespace> namespaces) {
    String refused = messages(objected, NamespaceState.Refused);
    if (!refused.isEmpty()) {
      return new Verdict(ControlState.Violated, PLACEMENT_REFUSED, refused);
    }
    String violated = messages(objected, NamespaceState.Violated);
    if (!violated.isEmpty()) {
      return new Verdict(ControlState.Violated, PLACEMENT_VIOLATED, violated);
    }
    return new Verdict(ControlState.Enforced, PINNED,
        "every namespace sits in a region that satisfies its classification and the tenant's contract: "
            + hosting(namespaces));
  }

  /** "horizon-records, horizon-portal in fr-paris (FR; hosting centres PAR1 Saint-Denis, PAR2 Aubervilliers)". */
  private static String hosting(List<PlacedNamespace> namespaces) {
    Map<String, List<PlacedNamespace>> byRegion = namespaces.stream()
        .filter(PlacedNamespace::provisioned)
        .collect(Collectors.groupingBy(ns -> ns.view().regionName(), java.util.TreeMap::new, Collectors.toList()));
    if (byRegion.isEmpty()) {
      return "no namespace provisioned yet";
    }
    return byRegion.values().stream()
        .map(placed -> {
          String names = placed.stream().map(PlacedNamespace::name).collect(Collectors.joining(", "));
          var region = placed.get(0).view().region();
          String where = region == null ? "a region since deleted, its pinning kept"
              : region.getSpec().country() + "; hosting centres " + String.join(", ", region.getSpec().hostingCentres());
          return names + " in " + placed.get(0).view().regionName() + " (" + where + ")";
        })
        .collect(Collectors.joining("; "));
  }

  private static String messages(List<PlacedNamespace> namespaces, NamespaceState state) {
    return namespaces.stream().filter(ns -> ns.state() == state).map(PlacedNamespace::message)
        .collect(Collectors.joining("; "));
  }
}
