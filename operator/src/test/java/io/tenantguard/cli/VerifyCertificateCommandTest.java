package io.tenantguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tenantguard.api.v1alpha1.certificate.DestroyedNamespace;
import io.tenantguard.api.v1alpha1.certificate.DestructionCertificateSpec;
import io.tenantguard.lifecycle.CertificateSeal;
import io.tenantguard.lifecycle.SigningKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyCertificateCommandTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private final SigningKey key = SigningKey.generated();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path folder;

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  /** A certificate as 'certificate NAME --format json' prints it. */
  private ObjectNode certificate() {
    DestructionCertificateSpec content = new DestructionCertificateSpec("clinic", "uid-1", "Clinic", List.of(),
        List.of("health"), List.of(new DestroyedNamespace("clinic-records", "ns-uid", "fr-paris", "health",
            Map.of("secrets", 3L))), List.of(), "2026-06-10T14:23:05Z", "PT40S", "2026-06-10T14:23:45Z",
        "2026-06-10T14:23:46Z", "2026-06-10T14:24:00Z", "P1Y", "2027-06-10T14:24:00Z", List.of("deleted"),
        List.of("not found"), "1.0.0", null, null, null);
    ObjectNode certificate = JsonNodeFactory.instance.objectNode();
    certificate.put("apiVersion", "tenantguard.io/v1alpha1").put("kind", "DestructionCertificate");
    certificate.putObject("metadata").put("name", "clinic-7f3a9c2e");
    certificate.set("spec", CertificateSeal.seal(JSON.convertValue(content, JsonNode.class), key));
    certificate.putObject("status").put("publicKey", key.publicKeyPem()).put("keyId", key.keyId());
    return certificate;
  }

  private Path write(String name, String text) throws Exception {
    Path file = folder.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void anIntactCertificateVerifiesAsJsonAndAsYaml() throws Exception {
    Path json = write("c.json", JSON.asJson(certificate()));
    Path yaml = write("c.yaml", JSON.asYaml(certificate()));
    Path pem = write("key.pem", key.publicKeyPem());

    assertThat(run("verify-certificate", json.toString(), "--public-key", pem.toString())).isZero();
    assertThat(run("verify-certificate", yaml.toString())).isZero();
    assertThat(out.toString()).contains("valid: DestructionCertificate clinic-7f3a9c2e of tenant clinic, destroyed at"
        + " 2026-06-10T14:24:00Z, signed by key " + key.keyId())
        .contains("the key the file carries: compare its id with the provider's published key");
  }

  @Test
  void aTamperedCopyFailsNamingTheFieldThatBroke() throws Exception {
    ObjectNode tampered = certificate();
    ((ObjectNode) tampered.path("spec").path("namespaces").get(0).path("objectCounts")).put("secrets", 0);

    assertThat(run("verify-certificate", write("t.json", JSON.asJson(tampered)).toString())).isEqualTo(1);
    assertThat(err.toString()).contains("INVALID: DestructionCertificate clinic-7f3a9c2e of tenant clinic")
        .contains("spec.namespaces was changed after signing");
  }

  @Test
  void aCertificateSignedByAnotherKeyThanTheProvidersFails() throws Exception {
    Path pem = write("other.pem", SigningKey.generated().publicKeyPem());

    assertThat(run("verify-certificate", write("c.json", JSON.asJson(certificate())).toString(), "--public-key",
        pem.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("signed by another key");
  }

  @Test
  void aMissingFileOrOneThatIsNoCertificateIsSaidPlainly() throws Exception {
    assertThat(run("verify-certificate", folder.resolve("none.json").toString())).isEqualTo(1);
    assertThat(run("verify-certificate", write("x.json", "{\"kind\": \"ConfigMap\"}").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("no file " + folder.resolve("none.json"))
        .contains("is not a DestructionCertificate: it has no spec");
  }
}
