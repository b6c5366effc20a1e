package io.tenantguard.placement;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.classification.DataClassificationStatus;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.capability.ClassificationReview;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.ListPages;
import io.tenantguard.kube.StatusConditions;
import io.tenantguard.kube.StatusPatch;
import io.tenantguard.kube.ManagedFieldsFreeStore;
import io.tenantguard.kube.TenantSpecs;
import java.time.Clock;
import java.util.List;

/**
 * Keeps each DataClassification's status: which tenants hold data of this class, and what the
 * capabilities' reviews find about it (a retention below the platform's floor).
 */
@ControllerConfiguration(name = "dataclassification", informer = @Informer(
    informerListLimit = ListPages.SIZE,
    itemStore = ManagedFieldsFreeStore.class))
public class DataClassificationReconciler implements Reconciler<DataClassification> {
  private static final String BY_CLASSIFICATION = "tenantsByClassification";

  private final Clock clock;
  private final List<ClassificationReview> reviews;
  private final NamingTenants<DataClassification> tenants;

  public DataClassificationReconciler(Clock clock, TenantSpecs tenants, ClassificationReview... reviews) {
    this.clock = clock;
    this.reviews = List.of(reviews);
    this.tenants = new NamingTenants<>(tenants, BY_CLASSIFICATION, TenantNamespace::classification);
  }

  @Override
  public List<EventSource<?, DataClassification>> prepareEventSources(
      EventSourceContext<DataClassification> context) {
    return List.of(tenants.eventSource());
  }

  @Override
  public UpdateControl<DataClassification> reconcile(DataClassification classification, Context<DataClassification> context) {
    List<String> holders = tenants.of(classification);
    long generation = classification.getMetadata().getGeneration();
    var ready = Conditions.of(StatusConditions.READY, true, "Accepted",
        holders.isEmpty() ? "no tenant holds data of this class" : holders.size() + " tenant(s) hold data of this class",
        generation);
    List<io.fabric8.kubernetes.api.model.Condition> previous =
        classification.getStatus() == null ? List.of() : classification.getStatus().conditions();
    List<io.fabric8.kubernetes.api.model.Condition> conditions = new java.util.ArrayList<>(List.of(ready));
    reviews.forEach(review -> conditions.addAll(review.conditions(classification)));
    var next = new DataClassificationStatus(generation, holders, Conditions.merge(previous, conditions, clock));
    return StatusPatch.ifChanged(classification, classification.getStatus(), next, DataClassification::new, context);
  }
}
