package io.tenantguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tenantguard.lifecycle.CertificateSeal;
import io.tenantguard.lifecycle.SigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks a copy of a DestructionCertificate offline: no cluster, only the file and a public key. */
@Command(
    name = "verify-certificate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a DestructionCertificate (JSON or YAML, as 'certificate NAME' or kubectl print it) offline: the"
          + " digest of each field, the whole digest and the Ed25519 signature. Exits 1 naming what broke."
    })
final class VerifyCertificateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The certificate.")
  Path file;

  @Option(names = "--public-key", paramLabel = "PEM", description = "The provider's public key (ConfigMap tenantguard-signing-key, key publicKey.pem); without it, the key the file carries in status.publicKey, whose id is printed to be compared.")
  Path publicKey;

  @Override
  public Integer call() throws IOException {
    JsonNode certificate = read(file);
    JsonNode certificateSpec = certificate.path("spec");
    if (!certificateSpec.isObject()) {
      throw new UserFacingException(file + " is not a DestructionCertificate: it has no spec");
    }
    PublicKey key = key(certificate);
    List<String> problems = CertificateSeal.problems(certificateSpec, key);
    PrintWriter out = spec.commandLine().getOut();
    String about = "DestructionCertificate " + certificate.path("metadata").path("name").asText("?") + " of tenant "
        + certificateSpec.path("tenant").asText("?");
    if (problems.isEmpty()) {
      out.println("valid: " + about + ", destroyed at " + certificateSpec.path("destroyedAt").asText()
          + ", signed by key " + SigningKey.keyId(key) + (publicKey == null
              ? " (the key the file carries: compare its id with the provider's published key)" : ""));
      out.flush();
      return 0;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("INVALID: " + about);
    problems.forEach(problem -> err.println("  " + problem));
    err.flush();
    return 1;
  }

  private PublicKey key(JsonNode certificate) throws IOException {
    String pem = publicKey != null ? readText(publicKey) : certificate.path("status").path("publicKey").asText(null);
    if (pem == null) {
      throw new UserFacingException(file + " carries no status.publicKey: pass --public-key with the provider's key");
    }
    try {
      return SigningKey.readPem(pem);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException((publicKey != null ? publicKey.toString() : file + " status.publicKey") + ": "
          + e.getMessage(), e);
    }
  }

  private static JsonNode read(Path file) throws IOException {
    String text = readText(file);
    try {
      return new KubernetesSerialization().unmarshal(text, JsonNode.class);
    } catch (RuntimeException e) {
      throw new UserFacingException(file + " is neither JSON nor YAML: " + e.getMessage(), e);
    }
  }

  private static String readText(Path file) throws IOException {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UserFacingException("no file " + file, e);
    }
  }
}
