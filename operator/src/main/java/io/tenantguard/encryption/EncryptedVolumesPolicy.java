package io.tenantguard.encryption;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.VariableBuilder;
import io.tenantguard.admission.AdmissionPolicy;
import io.tenantguard.api.v1alpha1.Requirement;
import io.tenantguard.kube.Labels;
import java.util.List;
import java.util.Map;

/**
 * Every volume claim in a tenant namespace, wherever it comes from (a PersistentVolumeClaim, a
 * StatefulSet's volumeClaimTemplates, a generic ephemeral volume of a pod or of any workload's pod
 * template), names a StorageClass the namespace allows: where its classification requires
 * encryption at rest, only the tenant's encrypted class of its region (no class, whose default is
 * unknown, and {@code ""}, a volume bound by hand, are refused too), and anywhere no class of
 * another tenant or region. The beta annotation {@code volume.beta.kubernetes.io/storage-class},
 * which storage still honours over {@code storageClassName}, is judged as well. Where encryption at
 * rest is required, an inline CSI volume must be read-only: written to, it would hold data outside
 * the tenant's classes.
 *
 * <p>It judges everyone, the control plane included (the claims a StatefulSet or a pod makes), but
 * only what a request changes: an object keeps the claims it was admitted with (a claim made before
 * a key change keeps its class, and its finalizers can still be removed).
 */
public final class EncryptedVolumesPolicy {
  public static final String NAME = "tenantguard-encrypted-volumes";
  static final String BETA_ANNOTATION = "volume.beta.kubernetes.io/storage-class";
  /** Stands for a claim that names no class: no class can have this name. */
  private static final String NO_CLASS = " none";

  private EncryptedVolumesPolicy() {}

  public static AdmissionPolicy policy() {
    String labels = "namespaceObject.metadata.labels";
    String annotations = "namespaceObject.metadata.annotations";
    String allowed = "'" + EncryptionCapability.STORAGE_CLASSES_ANNOTATION + "'";
    String refused = "variables.refused[0]";
    return new AdmissionPolicy(
        NAME,
        List.of(
            AdmissionPolicy.rule("", List.of("persistentvolumeclaims", "pods", "replicationcontrollers"), "CREATE", "UPDATE"),
            AdmissionPolicy.rule("apps", List.of("deployments", "statefulsets", "daemonsets", "replicasets"), "CREATE", "UPDATE"),
            AdmissionPolicy.rule("batch", List.of("jobs", "cronjobs"), "CREATE", "UPDATE")),
        List.of(),
        List.of(
            variable("required", "has(" + labels + ") && '" + EncryptionCapability.AT_REST_LABEL + "' in " + labels
                + " && " + labels + "['" + EncryptionCapability.AT_REST_LABEL + "'] == '" + Requirement.Required + "'"),
            variable("allowed", "has(" + annotations + ") && " + allowed + " in " + annotations
                + " && " + annotations + "[" + allowed + "] != '' ? " + annotations + "[" + allowed + "].split(',') : []"),
            variable("name", "has(object.metadata.name) ? object.metadata.name : object.metadata.generateName"),
            variable("podSpec", podSpec("object")),
            variable("oldPodSpec", podSpec("oldObject")),
            variable("claims", claims("object", "variables.podSpec")),
            variable("oldClaims", "request.operation == 'UPDATE' ? " + claims("oldObject", "variables.oldPodSpec") + " : []"),
            variable("refused", "variables.claims.filter(c, !(c in variables.oldClaims)"
                + " && !(c.storageClass in variables.allowed)"
                + " && (variables.required || c.storageClass.startsWith('" + TenantStorageClasses.PREFIX + "')))"),
            variable("inline", writableInline("object", "variables.podSpec")),
            variable("oldInline", "request.operation == 'UPDATE' ? " + writableInline("oldObject", "variables.oldPodSpec") + " : []"),
            variable("refusedInline", "variables.required ? variables.inline.filter(v, !(v in variables.oldInline)) : []")),
        List.of(
            new ValidationBuilder()
                .withExpression("variables.refused.size() == 0")
                .withMessageExpression("object.kind + ' ' + variables.name + ': the ' + " + refused + ".at"
                    + " + (" + refused + ".storageClass == '" + NO_CLASS + "'"
                    + " ? ' is missing (the cluster\\'s default class is not encrypted with the tenant\\'s key)'"
                    + " : " + refused + ".storageClass == '' ? ' is \"\" (a volume bound by hand, not made with the tenant\\'s key)'"
                    + " : ' is ' + " + refused + ".storageClass + (" + refused + ".storageClass.startsWith('"
                    + TenantStorageClasses.PREFIX + "') ? ', a class of another tenant or region' : ''))"
                    + " + (variables.required ? ': namespace ' + namespaceObject.metadata.name + ' (classification ' + "
                    + labels + "['" + Labels.CLASSIFICATION + "'] + ') requires encryption at rest with the tenant\\'s key'"
                    + " : ': another tenant\\'s or region\\'s class is refused in every tenant namespace')"
                    + " + (variables.allowed.size() == 0 ? '; the tenant has no encrypted class in region ' + "
                    + labels + "['" + Labels.REGION + "'] + ' (its Tenant\\'s status says why)'"
                    + " : '; allowed classes: ' + variables.allowed.join(', '))")
                .withReason("Forbidden")
                .build(),
            new ValidationBuilder()
                .withExpression("variables.refusedInline.size() == 0")
                .withMessageExpression("object.kind + ' ' + variables.name + ': inline CSI volume '"
                    + " + variables.refusedInline[0] + ' is writable: namespace ' + namespaceObject.metadata.name"
                    + " + ' requires encryption at rest, and an inline volume bypasses the tenant\\'s encrypted"
                    + " classes; use a generic ephemeral volume or a claim on ' + (variables.allowed.size() == 0"
                    + " ? 'the tenant\\'s class' : variables.allowed.join(', ')) + ', or mount it readOnly'")
                .withReason("Forbidden")
                .build()),
        Map.of(Labels.MANAGED_BY, Labels.MANAGER));
  }

  /** The pod spec of a pod or of a workload's pod template (evaluated only for those kinds). */
  private static String podSpec(String root) {
    return "(" + root + ".kind == 'Pod' ? " + root + ".spec : " + root + ".kind == 'CronJob'"
        + " ? " + root + ".spec.jobTemplate.spec.template.spec : " + root + ".spec.template.spec)";
  }

  /**
   * Every class the object's claims name, as {at, storageClass} maps: the claim itself, or its
   * volumeClaimTemplates and its pod spec's generic ephemeral volumes.
   */
  private static String claims(String root, String podSpec) {
    return "(" + root + ".kind == 'PersistentVolumeClaim' ? " + named("[" + root + "]", "c", "c", "''")
        + " : (" + root + ".kind == 'StatefulSet' && has(" + root + ".spec.volumeClaimTemplates) ? "
        + named(root + ".spec.volumeClaimTemplates", "t", "t", "' of volumeClaimTemplate ' + string(t.metadata.name)")
        + " : [])"
        + " + (has(" + podSpec + ".volumes) ? "
        + named(podSpec + ".volumes.filter(v, has(v.ephemeral))", "v", "v.ephemeral.volumeClaimTemplate",
            "' of ephemeral volume ' + string(v.name)")
        + " : []))";
  }

  /**
   * The classes that claims ({@code claim}, for each {@code item} of {@code items}) name: the beta
   * annotation where set, storageClassName where set, and "none" when neither is. Typed strings:
   * the API server's CEL refuses a map literal of mixed types.
   */
  private static String named(String items, String item, String claim, String where) {
    String annotated = "has(" + claim + ".metadata) && has(" + claim + ".metadata.annotations) && '" + BETA_ANNOTATION
        + "' in " + claim + ".metadata.annotations";
    return items + ".filter(" + item + ", " + annotated + ").map(" + item + ", {'at': 'annotation " + BETA_ANNOTATION
        + "' + " + where + ", 'storageClass': string(" + claim + ".metadata.annotations['" + BETA_ANNOTATION + "'])})"
        + " + " + items + ".filter(" + item + ", has(" + claim + ".spec.storageClassName) || !(" + annotated + "))"
        + ".map(" + item + ", {'at': 'storageClassName' + " + where + ", 'storageClass': has(" + claim
        + ".spec.storageClassName) ? string(" + claim + ".spec.storageClassName) : '" + NO_CLASS + "'})";
  }

  /** Names of the writable inline CSI volumes of a pod spec. */
  private static String writableInline(String root, String podSpec) {
    return "(" + root + ".kind != 'PersistentVolumeClaim' && has(" + podSpec + ".volumes) ? " + podSpec + ".volumes"
        + ".filter(v, has(v.csi) && !(has(v.csi.readOnly) && v.csi.readOnly)).map(v, string(v.name)) : [])";
  }

  private static Variable variable(String name, String expression) {
    return new VariableBuilder().withName(name).withExpression(expression).build();
  }
}
