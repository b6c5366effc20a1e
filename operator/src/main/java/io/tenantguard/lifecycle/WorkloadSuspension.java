package io.tenantguard.lifecycle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stops and resumes the workloads a tenant made in one of its namespaces: the only objects of a
 * tenant tenantguard changes, and only while its lifecycle says so. Deployments, StatefulSets and
 * ReplicaSets no controller owns are scaled to zero, CronJobs and unfinished Jobs suspended; what
 * each held is kept in an annotation written in the same patch (with the object's resource version,
 * so that a concurrent change fails the patch rather than being lost), and resuming puts exactly
 * that back. Pods no controller owns cannot be scaled or restored: stopping deletes them.
 */
final class WorkloadSuspension {
  static final String REPLICAS = "tenantguard.io/replicas-before-suspension";
  static final String SUSPEND = "tenantguard.io/suspend-before-suspension";
  private static final List<Kind> SCALED =
      List.of(new Kind("apps/v1", "Deployment"), new Kind("apps/v1", "StatefulSet"), new Kind("apps/v1", "ReplicaSet"));
  private static final List<Kind> SUSPENDED = List.of(new Kind("batch/v1", "CronJob"), new Kind("batch/v1", "Job"));
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private record Kind(String apiVersion, String kind) {}

  private final KubernetesClient client;

  WorkloadSuspension(KubernetesClient client) {
    this.client = client;
  }

  /** Stops what runs in {@code namespace}; what it stopped, one line each. */
  List<String> stop(String namespace) {
    List<String> stopped = new ArrayList<>();
    for (Kind kind : SCALED) {
      for (GenericKubernetesResource workload : standalone(kind, namespace)) {
        Object replicas = spec(workload).get("replicas");
        if (annotation(workload, REPLICAS) == null) {
          patch(kind, workload, REPLICAS, String.valueOf(replicas), "replicas", 0);
          stopped.add(kind.kind() + " " + workload.getMetadata().getName() + " (" + replicas + " replicas)");
        } else if (!Objects.equals(replicas, 0)) {
          patch(kind, workload, REPLICAS, annotation(workload, REPLICAS), "replicas", 0);
          stopped.add(kind.kind() + " " + workload.getMetadata().getName() + " (scaled up again to " + replicas + ")");
        }
      }
    }
    for (Kind kind : SUSPENDED) {
      for (GenericKubernetesResource workload : standalone(kind, namespace)) {
        boolean suspended = Boolean.TRUE.equals(spec(workload).get("suspend"));
        if (annotation(workload, SUSPEND) == null && !finished(workload)) {
          patch(kind, workload, SUSPEND, String.valueOf(suspended), "suspend", true);
          stopped.add(kind.kind() + " " + workload.getMetadata().getName() + " (suspended)");
        }
      }
    }
    for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
      if (controller(pod) == null && pod.getMetadata().getDeletionTimestamp() == null) {
        client.resource(pod).delete();
        stopped.add("Pod " + pod.getMetadata().getName() + " (deleted: no controller owns it)");
      }
    }
    return stopped;
  }

  /** Puts back what {@link #stop} kept; what it restored, one line each. */
  List<String> resume(String namespace) {
    List<String> resumed = new ArrayList<>();
    for (Kind kind : SCALED) {
      for (GenericKubernetesResource workload : standalone(kind, namespace)) {
        String kept = annotation(workload, REPLICAS);
        if (kept != null) {
          patch(kind, workload, REPLICAS, null, "replicas", Integer.parseInt(kept));
          resumed.add(kind.kind() + " " + workload.getMetadata().getName() + " (" + kept + " replicas)");
        }
      }
    }
    for (Kind kind : SUSPENDED) {
      for (GenericKubernetesResource workload : standalone(kind, namespace)) {
        String kept = annotation(workload, SUSPEND);
        if (kept != null) {
          patch(kind, workload, SUSPEND, null, "suspend", Boolean.parseBoolean(kept));
          resumed.add(kind.kind() + " " + workload.getMetadata().getName()
              + (Boolean.parseBoolean(kept) ? " (suspended, as before)" : " (resumed)"));
        }
      }
    }
    return resumed;
  }

  /** The workloads of a kind no controller owns: a Deployment's ReplicaSets follow their Deployment. */
  private List<GenericKubernetesResource> standalone(Kind kind, String namespace) {
    return client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inNamespace(namespace).list().getItems()
        .stream()
        .filter(workload -> controller(workload) == null || kind.kind().equals("Job"))
        .toList();
  }

  /**
   * One merge patch: the annotation (null removes it) and the spec field together, so that a
   * count is never changed without being kept; the resource version makes it fail on a race.
   */
  private void patch(Kind kind, GenericKubernetesResource workload, String annotation, String kept, String field,
      Object value) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    ObjectNode metadata = patch.putObject("metadata");
    metadata.put("resourceVersion", workload.getMetadata().getResourceVersion());
    metadata.putObject("annotations").put(annotation, kept);
    ObjectNode spec = patch.putObject("spec");
    if (value instanceof Integer count) {
      spec.put(field, count);
    } else {
      spec.put(field, (Boolean) value);
    }
    client.genericKubernetesResources(kind.apiVersion(), kind.kind())
        .inNamespace(workload.getMetadata().getNamespace())
        .withName(workload.getMetadata().getName())
        .patch(MERGE, patch.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource workload) {
    Object spec = workload.getAdditionalProperties().get("spec");
    return spec instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** A Job that completed or failed: nothing to stop, and suspending it would change nothing. */
  @SuppressWarnings("unchecked")
  private static boolean finished(GenericKubernetesResource workload) {
    Object status = workload.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> map && ((Map<String, Object>) map).get("completionTime") != null;
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static OwnerReference controller(HasMetadata object) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    return owners == null ? null
        : owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().orElse(null);
  }
}
