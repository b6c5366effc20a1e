package io.tenantguard.placement;

import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.region.RegionStatus;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.ListPages;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.kube.StatusPatch;
import io.tenantguard.kube.TenantSpecs;
import io.tenantguard.kube.ManagedFieldsFreeStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Keeps each Region's status: how many nodes it selects and which tenants it hosts. */
@ControllerConfiguration(name = "region", informer = @Informer(
    informerListLimit = ListPages.SIZE,
    itemStore = ManagedFieldsFreeStore.class))
public class RegionReconciler implements Reconciler<Region> {
  private static final String TENANTS_BY_REGION = "tenantsByRegion";

  private final Clock clock;
  private final NamingTenants<Region> tenants;
  private InformerEventSource<Node, Region> nodes;

  public RegionReconciler(Clock clock, TenantSpecs tenants) {
    this.clock = clock;
    this.tenants = new NamingTenants<>(tenants, TENANTS_BY_REGION, TenantNamespace::region);
  }

  @Override
  public List<EventSource<?, Region>> prepareEventSources(EventSourceContext<Region> context) {
    nodes =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Node.class, Region.class)
                .withInformerListLimit(ListPages.SIZE)
                .withItemStore(new ManagedFieldsFreeStore<>())
                .withSecondaryToPrimaryMapper(
                    node ->
                        context
                            .getPrimaryCache()
                            .list(region -> NodeSelection.inRegion(region, node.getMetadata().getLabels()))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    return List.of(nodes, tenants.eventSource());
  }

  @Override
  public UpdateControl<Region> reconcile(Region region, Context<Region> context) {
    RegionStatus next = status(region, matchingNodes(region), tenants.of(region));
    return StatusPatch.ifChanged(region, region.getStatus(), next, Region::new, context);
  }

  private int matchingNodes(Region region) {
    return (int) nodes.list(node -> NodeSelection.inRegion(region, node.getMetadata().getLabels())).count();
  }

  private RegionStatus status(Region region, int matchingNodes, List<String> tenantNames) {
    long generation = region.getMetadata().getGeneration();
    var ready =
        matchingNodes > 0
            ? Conditions.of(StatusConditions.READY, true, "NodesAvailable",
                matchingNodes + " node(s) match " + selector(region), generation)
            : Conditions.of(StatusConditions.READY, false, "NoMatchingNodes",
                "no node carries " + selector(region) + ": pods pinned to this region cannot be scheduled",
                generation);
    List<io.fabric8.kubernetes.api.model.Condition> previous =
        region.getStatus() == null ? List.of() : region.getStatus().conditions();
    return new RegionStatus(
        generation, matchingNodes, tenantNames, Conditions.merge(previous, List.of(ready), clock));
  }

  private static String selector(Region region) {
    return region.getSpec().nodeSelector().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(label -> label.getKey() + "=" + label.getValue())
        .collect(Collectors.joining(","));
  }
}
