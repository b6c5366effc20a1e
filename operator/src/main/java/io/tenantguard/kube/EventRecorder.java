package io.tenantguard.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantguard.audit.AuditEntry;
import io.tenantguard.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every enforcement action and refusal three ways: a Kubernetes Event on the object, a line
 * of the hash-chained audit trail, and a counter. An Event about a tenant is also posted in each of
 * its namespaces, so that the tenant's own users can list what concerns them. An Event's name is
 * derived from what it says, so the same news told again raises the count of the one Event the API
 * server holds instead of adding one (kubectl shows it as "x3"), and nothing is remembered in memory.
 */
public class EventRecorder {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
  /** Where Events about cluster-scoped objects go, as kubectl expects. */
  static final String CLUSTER_EVENTS_NAMESPACE = "default";

  /** The action of an audit line that tells a finding, as an Event does. */
  public static final String REPORTED = "reported";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final MeterRegistry meters;
  private final Clock clock;
  private final AuditTrail trail;

  public EventRecorder(KubernetesClient client, MeterRegistry meters, Clock clock, AuditTrail trail) {
    this.client = client;
    this.meters = meters;
    this.clock = clock;
    this.trail = trail;
  }

  public void normal(HasMetadata regarding, String reason, String message) {
    report(regarding, List.of(), NORMAL, reason, message, List.of());
  }

  public void warning(HasMetadata regarding, String reason, String message) {
    report(regarding, List.of(), WARNING, reason, message, List.of());
  }

  /**
   * A Warning told once: when the same Event exists already (told earlier, by this process or by one
   * before a restart), it is only audited, so that a restart on a quiet cluster writes nothing.
   */
  public void warningOnce(HasMetadata regarding, String reason, String message) {
    String namespace = eventNamespace(regarding);
    if (client.v1().events().inNamespace(namespace).withName(name(regarding, WARNING, reason, message)).get() != null) {
      audit(regarding, new AuditEntry(tenantOf(regarding), List.of(), describe(regarding), REPORTED, reason, WARNING,
          message));
    } else {
      warning(regarding, reason, message);
    }
  }

  /**
   * An Event on the object (about a tenant: on the Tenant and in each of its namespaces), and its
   * audit line naming the controls it concerns.
   *
   * @param namespaces the tenant's own namespaces: never one it does not hold
   */
  public void report(HasMetadata regarding, List<String> namespaces, String type, String reason, String message,
      List<String> controls) {
    audit(regarding, new AuditEntry(tenantOf(regarding), controls, describe(regarding), REPORTED, reason, type, message));
    post(regarding, namespaces, type, reason, message);
  }

  /**
   * The Event of actions already audited one by one: for a tenant, one Event sums them up (the
   * audit trail keeps every object, the API server gets one Event), on the Tenant and in each of its
   * namespaces.
   */
  public void summarize(HasMetadata regarding, List<String> namespaces, String type, String reason, String message) {
    post(regarding, namespaces, type, reason, message);
  }

  /** An audit line and a count, for one action. */
  public void audit(HasMetadata regarding, AuditEntry entry) {
    trail.record(entry);
    meters.counter("tenantguard.events", "kind", regarding.getKind(), "reason", entry.outcome()).increment();
  }

  /** The tenant an object concerns: a Tenant itself, or what its tenant label names; null for neither. */
  public static String tenantOf(HasMetadata object) {
    if ("Tenant".equals(object.getKind())) {
      return object.getMetadata().getName();
    }
    return object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(Labels.TENANT);
  }

  /** {@code Kind namespace/name}, or {@code Kind name} for a cluster-scoped object. */
  public static String describe(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
  }

  private void post(HasMetadata regarding, List<String> alsoIn, String type, String reason, String message) {
    post(regarding, eventNamespace(regarding), type, reason, message);
    for (String namespace : alsoIn) {
      post(regarding, namespace, type, reason, message);
    }
  }

  private void post(HasMetadata regarding, String namespace, String type, String reason, String message) {
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name(regarding, type, reason, message))
            .withNamespace(namespace)
            .endMetadata()
            // outside default, the API server wants the object's namespace to be the Event's, even
            // for a cluster-scoped object such as a Tenant
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
      // An Event is best effort: the audit line already holds the record.
      LOG.warn("could not post Event {} on {} {} in namespace {}: {}", reason, regarding.getKind(),
          regarding.getMetadata().getName(), namespace, e.getMessage());
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
