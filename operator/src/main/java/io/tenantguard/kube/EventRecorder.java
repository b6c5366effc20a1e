package io.tenantguard.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every enforcement action and refusal three ways: a Kubernetes Event on the object, a
 * structured audit line, and a counter. An Event's name is derived from what it says, so the same
 * news told again raises the count of the one Event the API server holds instead of adding one
 * (kubectl shows it as "x3"), and nothing is remembered in memory.
 */
public class EventRecorder {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
  /** Where Events about cluster-scoped objects go, as kubectl expects. */
  static final String CLUSTER_EVENTS_NAMESPACE = "default";

  private static final Logger AUDIT = LoggerFactory.getLogger("tenantguard.audit");

  private final KubernetesClient client;
  private final MeterRegistry meters;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, MeterRegistry meters, Clock clock) {
    this.client = client;
    this.meters = meters;
    this.clock = clock;
  }

  public void normal(HasMetadata regarding, String reason, String message) {
    record(regarding, NORMAL, reason, message);
  }

  public void warning(HasMetadata regarding, String reason, String message) {
    record(regarding, WARNING, reason, message);
  }

  /**
   * A Warning told once: when the same Event exists already (told earlier, by this process or by one
   * before a restart), it is only audited, so that a restart on a quiet cluster writes nothing.
   */
  public void warningOnce(HasMetadata regarding, String reason, String message) {
    String namespace = eventNamespace(regarding);
    if (client.v1().events().inNamespace(namespace).withName(name(regarding, WARNING, reason, message)).get() != null) {
      audit(regarding, WARNING, reason, message);
    } else {
      record(regarding, WARNING, reason, message);
    }
  }

  /**
   * An audit line and a count only, for one object of an action whose Event sums up several: the
   * audit trail keeps every object, the API server gets one Event.
   */
  public void audit(HasMetadata regarding, String type, String reason, String message) {
    AUDIT.info(
        "kind={} name={} type={} reason={} message=\"{}\"",
        regarding.getKind(),
        regarding.getMetadata().getName(),
        type,
        reason,
        message);
    meters.counter("tenantguard.events", "kind", regarding.getKind(), "reason", reason).increment();
  }

  private void record(HasMetadata regarding, String type, String reason, String message) {
    audit(regarding, type, reason, message);
    String namespace = eventNamespace(regarding);
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name(regarding, type, reason, message))
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(regarding.getApiVersion())
                    .withKind(regarding.getKind())
                    .withName(regarding.getMetadata().getName())
                    .withNamespace(regarding.getMetadata().getNamespace() == null && !namespace.equals(CLUSTER_EVENTS_NAMESPACE) ? namespace : regarding.getMetadata().getNamespace())
                    .withUid(regarding.getMetadata().getUid())
                    .withResourceVersion(regarding.getMetadata().getResourceVersion())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent("tenantguard")
            .endSource()
            .withReportingComponent("tenantguard")
            .build();
    try {
      createOrCount(namespace, event, now);
    } catch (KubernetesClientException e) {
      // An Event is best effort: the audit line above already holds the record.
      AUDIT.warn("could not post Event {} on {} {}: {}", reason, regarding.getKind(),
          regarding.getMetadata().getName(), e.getMessage());
    }
  }

  /** Where kubectl looks: the object's namespace; a Namespace's own; default for other cluster-scoped objects. */
  private static String eventNamespace(HasMetadata regarding) {
    if (regarding instanceof io.fabric8.kubernetes.api.model.Namespace) {
      return regarding.getMetadata().getName();
    }
    return regarding.getMetadata().getNamespace() != null ? regarding.getMetadata().getNamespace() : CLUSTER_EVENTS_NAMESPACE;
  }

  private void createOrCount(String namespace, Event event, String now) {
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      client.v1().events().inNamespace(namespace).withName(event.getMetadata().getName()).edit(existing -> {
        existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
        existing.setLastTimestamp(now);
        return existing;
      });
    }
  }

  /** The object's name, then a digest of the object's uid and of what is said. */
  static String name(HasMetadata regarding, String type, String reason, String message) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (regarding.getMetadata().getUid() + "\n" + type + "\n" + reason + "\n" + message)
              .getBytes(StandardCharsets.UTF_8));
      String object = regarding.getMetadata().getName();
      return object.substring(0, Math.min(object.length(), 200)) + "." + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
