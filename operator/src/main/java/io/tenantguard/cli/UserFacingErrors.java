package io.tenantguard.cli;

import picocli.CommandLine;

/** Turns a failure a user can act on into one clear line instead of a stack trace. */
final class UserFacingErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) throws Exception {
    if (ex instanceof UserFacingException) {
      commandLine.getErr().println("tenantguard: " + ex.getMessage());
      return 1;
    }
    throw ex;
  }
}
