package io.tenantguard.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificateStatus;
import io.tenantguard.kube.Conditions;
import io.tenantguard.kube.EventRecorder;
import io.tenantguard.kube.ListPages;
import io.tenantguard.kube.ManagedFieldsFreeStore;
import io.tenantguard.kube.StatusPatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps each DestructionCertificate until its retainUntil, then prunes it. Its status shows the
 * public key that verifies it and whether its seal holds. Its finalizer (put there when it was
 * written) holds it even if its admission policy were removed: a deletion before retainUntil waits
 * for retainUntil. The certificates' CRD is labelled while any is kept ({@link CertificateProtection}).
 */
@ControllerConfiguration(
    name = "destructioncertificate",
    finalizerName = DestructionCertificates.FINALIZER,
    informer = @Informer(informerListLimit = ListPages.SIZE, itemStore = ManagedFieldsFreeStore.class))
public class CertificateReconciler implements Reconciler<DestructionCertificate>, Cleaner<DestructionCertificate> {
  public static final String VERIFIED = "Verified";
  public static final String PRUNED = "Pruned";
  public static final String DELETION_DEFERRED = "DeletionDeferred";

  private final KubernetesClient client;
  private final SigningKey key;
  private final EventRecorder events;
  private final MeterRegistry meters;
  private final Clock clock;

  public CertificateReconciler(KubernetesClient client, SigningKey key, EventRecorder events, MeterRegistry meters,
      Clock clock) {
    this.client = client;
    this.key = key;
    this.events = events;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, DestructionCertificate>> prepareEventSources(
      EventSourceContext<DestructionCertificate> context) {
    meters.gauge("tenantguard.destruction.certificates", context.getPrimaryCache(), cache -> cache.list().count());
    return List.of();
  }

  @Override
  public UpdateControl<DestructionCertificate> reconcile(DestructionCertificate certificate,
      Context<DestructionCertificate> context) {
    Instant retainUntil = Instant.parse(certificate.getSpec().retainUntil());
    Instant now = clock.instant();
    if (!now.isBefore(retainUntil)) {
      client.resource(certificate).delete();
      events.normal(certificate, PRUNED, "retained until " + certificate.getSpec().retainUntil()
          + " as the proof of the destruction of tenant " + certificate.getSpec().tenant() + "'s data; pruned");
      return UpdateControl.noUpdate();
    }
    DestructionCertificates.markCertificatesHeld(client, true);
    Long generation = certificate.getMetadata().getGeneration();
    List<String> problems = CertificateSeal.problems(
        client.getKubernetesSerialization().convertValue(certificate.getSpec(), JsonNode.class), key.publicKey());
    Condition verified = problems.isEmpty()
        ? Conditions.of(VERIFIED, true, "SealIntact", "its digests match its fields and its Ed25519 signature verifies"
            + " with the operator's key " + key.keyId(), generation)
        : Conditions.of(VERIFIED, false, "SealBroken", String.join("; ", problems), generation);
    List<Condition> previous = certificate.getStatus() == null ? List.of() : certificate.getStatus().conditions();
    DestructionCertificateStatus next = new DestructionCertificateStatus(key.publicKeyPem(), key.keyId(),
        Conditions.merge(previous == null ? List.of() : previous, List.of(verified), clock));
    return StatusPatch.ifChanged(certificate, certificate.getStatus(), next, DestructionCertificate::new, context)
        .rescheduleAfter(untilAfter(retainUntil, now));
  }

  /** A deletion before retainUntil waits for it; after, the finalizer goes and so does the certificate. */
  @Override
  public DeleteControl cleanup(DestructionCertificate certificate, Context<DestructionCertificate> context) {
    Instant retainUntil = Instant.parse(certificate.getSpec().retainUntil());
    Instant now = clock.instant();
    if (now.isBefore(retainUntil)) {
      events.warning(certificate, DELETION_DEFERRED, "deleted before its retainUntil " + certificate.getSpec().retainUntil()
          + ": it stays until then, held by its finalizer " + DestructionCertificates.FINALIZER);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(untilAfter(retainUntil, now));
    }
    if (context.getPrimaryCache().list().noneMatch(c -> now.isBefore(Instant.parse(c.getSpec().retainUntil())))) {
      DestructionCertificates.markCertificatesHeld(client, false);
    }
    return DeleteControl.defaultDelete();
  }

  private static Duration untilAfter(Instant due, Instant now) {
    return Duration.between(now, due).plusSeconds(1);
  }
}
