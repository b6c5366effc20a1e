package io.tenantguard.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificateSpec;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.kube.Labels;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;

/**
 * Writes DestructionCertificates: sealed and signed, created with the finalizer that keeps them
 * until their retainUntil, under a name derived from the tenant's uid, so that two replicas, a
 * retry or a restart find the one already written instead of writing a second.
 */
public final class DestructionCertificates {
  /** On a certificate: the tenant it is about (not {@code tenantguard.io/tenant}: it is not the tenant's object). */
  public static final String DESTROYED_TENANT = "tenantguard.io/destroyed-tenant";
  public static final String FINALIZER = "tenantguard.io/retain-until";

  private final KubernetesClient client;
  private final SigningKey key;

  public DestructionCertificates(KubernetesClient client, SigningKey key) {
    this.client = client;
    this.key = key;
  }

  /** The certificate's name: the tenant's, and the start of its uid (a Tenant re-created later gets another). */
  public static String name(Tenant tenant) {
    String name = tenant.getMetadata().getName();
    String uid = tenant.getMetadata().getUid().replace("-", "");
    return name.substring(0, Math.min(name.length(), 240)) + "-" + uid.substring(0, Math.min(uid.length(), 8));
  }

  /** The tenant's certificate, or null. */
  public DestructionCertificate find(Tenant tenant) {
    DestructionCertificate found = client.resources(DestructionCertificate.class).withName(name(tenant)).get();
    return found != null && tenant.getMetadata().getUid().equals(found.getSpec().tenantUid()) ? found : null;
  }

  /** Seals {@code content} and writes it; the certificate already written for this tenant if there is one. */
  DestructionCertificate issue(Tenant tenant, DestructionCertificateSpec content) {
    DestructionCertificate existing = find(tenant);
    if (existing != null) {
      return existing;
    }
    JsonNode sealed = CertificateSeal.seal(client.getKubernetesSerialization().convertValue(content, JsonNode.class), key);
    DestructionCertificate certificate = new DestructionCertificate();
    certificate.setMetadata(new ObjectMetaBuilder()
        .withName(name(tenant))
        .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER, DESTROYED_TENANT, tenant.getMetadata().getName()))
        .withFinalizers(List.of(FINALIZER))
        .build());
    certificate.setSpec(client.getKubernetesSerialization().convertValue(sealed, DestructionCertificateSpec.class));
    markCertificatesHeld(client, true);
    try {
      return client.resource(certificate).create();
    } catch (KubernetesClientException e) {
      DestructionCertificate raced = e.getCode() == HttpURLConnection.HTTP_CONFLICT ? find(tenant) : null;
      if (raced == null) {
        throw e;
      }
      return raced;
    }
  }

  /**
   * Labels the certificates' CRD while certificates are kept, which its admission policy reads to
   * refuse deleting it ({@link CertificateProtection}); a cluster without the CRD object (a test
   * server) has nothing to label.
   */
  static void markCertificatesHeld(KubernetesClient client, boolean held) {
    var crd = client.apiextensions().v1().customResourceDefinitions().withName(CertificateProtection.CRD);
    CustomResourceDefinition actual = crd.get();
    if (actual == null) {
      return;
    }
    Map<String, String> labels = actual.getMetadata().getLabels();
    boolean labelled = labels != null && "true".equals(labels.get(CertificateProtection.HELD_LABEL));
    if (labelled != held) {
      crd.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\""
          + CertificateProtection.HELD_LABEL + "\":" + (held ? "\"true\"" : "null") + "}}}");
    }
  }
}
