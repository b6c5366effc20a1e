package io.tenantguard.cli;

import io.tenantguard.api.v1alpha1.certificate.DestroyedNamespace;
import io.tenantguard.api.v1alpha1.certificate.DestroyedVolume;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificate;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificateSpec;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A DestructionCertificate as a document a client reads: what, when, how, checked how, sealed how. */
final class CertificateDocument {
  private CertificateDocument() {}

  static String markdown(DestructionCertificate certificate) {
    DestructionCertificateSpec spec = certificate.getSpec();
    StringBuilder doc = new StringBuilder();
    doc.append("# Certificate of destruction: ").append(spec.tenant())
        .append(spec.displayName() == null ? "" : " (" + spec.displayName() + ")").append("\n\n");
    doc.append("| | |\n| --- | --- |\n");
    row(doc, "Certificate", certificate.getMetadata().getName());
    row(doc, "Tenant", spec.tenant() + " (uid " + spec.tenantUid() + ")");
    row(doc, "Compliance", join(spec.compliance()));
    row(doc, "Classes of data", join(spec.classifications()));
    row(doc, "Terminated", spec.terminatedAt());
    row(doc, "Data accessible until", spec.dataAccessibleUntil() + " (retention " + spec.retention() + ")");
    row(doc, "Destruction started", spec.destructionStartedAt());
    row(doc, "Destroyed and verified", spec.destroyedAt());
    row(doc, "This proof is kept until", spec.retainUntil() + " (" + spec.proofRetention() + ")");
    row(doc, "Operator version", spec.operatorVersion());
    doc.append("\n## What was destroyed\n\n| Namespace | UID | Region | Class of data | Objects by kind |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    for (DestroyedNamespace ns : spec.namespaces()) {
      doc.append("| ").append(ns.name()).append(" | ").append(ns.uid()).append(" | ").append(ns.region()).append(" | ")
          .append(ns.classification()).append(" | ").append(ns.objectCounts() == null ? "" : ns.objectCounts().entrySet()
              .stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue())
              .collect(Collectors.joining(", "))).append(" |\n");
    }
    List<DestroyedVolume> volumes = spec.persistentVolumes() == null ? List.of() : spec.persistentVolumes();
    doc.append("\n## Persistent volumes\n\n");
    if (volumes.isEmpty()) {
      doc.append("None was bound to a claim of the tenant's namespaces.\n");
    } else {
      doc.append("| Volume | Claim | Reclaim policy | StorageClass | Capacity |\n| --- | --- | --- | --- | --- |\n");
      volumes.forEach(v -> doc.append("| ").append(v.name()).append(" | ").append(v.claim()).append(" | ")
          .append(v.reclaimPolicy()).append(" | ").append(Objects.toString(v.storageClass(), "")).append(" | ")
          .append(Objects.toString(v.capacity(), "")).append(" |\n"));
    }
    section(doc, "Method", spec.method());
    section(doc, "Verification", spec.verification());
    doc.append("\n## Seal\n\n")
        .append("- SHA-256 of the certificate's fields: `").append(spec.digest()).append("`\n")
        .append("- ").append(spec.signature().algorithm()).append(" signature by the key `")
        .append(spec.signature().keyId()).append("`: `").append(spec.signature().value()).append("`\n");
    if (certificate.getStatus() != null && certificate.getStatus().publicKey() != null) {
      doc.append("\nThe public key:\n\n```\n").append(certificate.getStatus().publicKey().strip()).append("\n```\n");
    }
    doc.append("\nCheck a copy offline: `tenantguard.jar certificate ").append(certificate.getMetadata().getName())
        .append(" --format json > certificate.json`, then `tenantguard.jar verify-certificate certificate.json")
        .append(" --public-key provider-key.pem`.\n");
    return doc.toString();
  }

  private static void row(StringBuilder doc, String name, String value) {
    doc.append("| ").append(name).append(" | ").append(value == null ? "" : value).append(" |\n");
  }

  private static void section(StringBuilder doc, String title, List<String> lines) {
    doc.append("\n## ").append(title).append("\n\n");
    (lines == null ? List.<String>of() : lines).forEach(line -> doc.append("- ").append(line).append('\n'));
  }

  private static String join(List<?> values) {
    return values == null ? "" : values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
