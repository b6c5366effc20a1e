package io.tenantguard.kube;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Status patches that carry only identity and status, that are skipped when nothing changed, and
 * whose result the controller's cache holds at once. JOSDK 5 does not cache a status it patched for
 * a returned {@code UpdateControl}: a reconciliation woken by another event before the watch brings
 * the write back would see the old status, tell the same news again (an Event, an audit line) and
 * patch the same status again.
 */
public final class StatusPatch {
  private StatusPatch() {}

  /** Writes {@code next} if it differs from {@code current}; what is left for JOSDK to do is nothing. */
  public static <S, R extends CustomResource<?, S>> UpdateControl<R> ifChanged(
      R resource, S current, S next, Supplier<R> factory, Context<R> context) {
    if (Objects.equals(current, next)) {
      return UpdateControl.noUpdate();
    }
    // both guarded by the resourceVersion read; server-side apply under the controller's field
    // manager unless the operator is configured without it, as JOSDK's own status patches are
    var configuration = context.getControllerConfiguration().getConfigurationService();
    if (configuration.useSSAToPatchPrimaryResource()) {
      R patch = factory.get();
      patch.setMetadata(
          new ObjectMetaBuilder()
              .withName(resource.getMetadata().getName())
              .withNamespace(resource.getMetadata().getNamespace())
              .build());
      patch.setStatus(next);
      PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(resource, patch, context);
    } else {
      // a JSON patch made from a copy: the cached resource is never edited in place
      PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(
          configuration.getResourceCloner().clone(resource), context, edited -> {
            edited.setStatus(next);
            return edited;
          });
    }
    return UpdateControl.noUpdate();
  }
}
