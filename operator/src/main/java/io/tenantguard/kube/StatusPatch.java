package io.tenantguard.kube;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Objects;
import java.util.function.Supplier;

/** Status patches that carry only identity and status, and that are skipped when nothing changed. */
public final class StatusPatch {
  private StatusPatch() {}

  public static <S, R extends CustomResource<?, S>> UpdateControl<R> ifChanged(
      R resource, S current, S next, Supplier<R> factory) {
    if (Objects.equals(current, next)) {
      return UpdateControl.noUpdate();
    }
    R patch = factory.get();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(resource.getMetadata().getName())
            .withNamespace(resource.getMetadata().getNamespace())
            .build());
    patch.setStatus(next);
    return UpdateControl.patchStatus(patch);
  }
}
