package io.tenantguard.cli;

/** A failure whose message tells the user what to do; printed without a stack trace. */
public class UserFacingException extends RuntimeException {
  public UserFacingException(String message, Throwable cause) {
    super(message, cause);
  }

  public UserFacingException(String message) {
    super(message);
  }
}
