package io.tenantguard.evidence;

/**
 * The sections of the responsibility assignment matrix the catalogue groups its controls by, in
 * the matrix's order: scope and location first, the end of the contract in section 6.
 */
public enum MatrixSection {
  SCOPE_AND_LOCATION("1", "Scope and hosting location"),
  SEPARATION("2", "Separation of clients"),
  ACCESS("3", "Identity and access management"),
  CRYPTOGRAPHY("4", "Cryptography"),
  OPERATIONS("5", "Operations and traceability"),
  END_OF_CONTRACT("6", "Reversibility and end of contract"),
  ORGANISATION("7", "Organisation, roles and contacts");

  private final String number;
  private final String title;

  MatrixSection(String number, String title) {
    this.number = number;
    this.title = title;
  }

  /** "1. Scope and hosting location". */
  public String heading() {
    return number + ". " + title;
  }
}
