package io.tenantguard.cli;

import io.tenantguard.audit.AuditVerification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "verify-audit",
    mixinStandardHelpOptions = true,
    description = {
      "Checks an audit file's hash chain: exits 0 when it holds, 1 naming the line where it breaks",
      "(a line removed, edited or cut short before it)."
    })
final class VerifyAuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The audit file (run option --audit-file).")
  Path file;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UserFacingException("no audit file at " + file);
    }
    AuditVerification verification = AuditVerification.of(file);
    (verification.holds() ? spec.commandLine().getOut() : spec.commandLine().getErr())
        .println(verification.describe(file.toString()));
    return verification.holds() ? 0 : 1;
  }
}
