package io.tenantguard.api.v1alpha1;

/** Regular expressions the schema enforces, shared by every kind. */
public final class Patterns {
  /** ISO 3166-1 alpha-2 country code. */
  public static final String COUNTRY = "^[A-Z]{2}$";
  /** DNS-1123 label: a namespace name. */
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  /** DNS-1123 subdomain: the name of a cluster-scoped object. */
  public static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  /**
   * ISO 8601 duration (P90D, P3M, PT40S, P1Y2M3DT4H5M6.5S). Go's regexp has no look-ahead, so
   * the bare "P" is refused by a minimum length of 3 beside this pattern, and a trailing "T" by
   * the alternatives after it.
   */
  public static final String DURATION =
      "^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?"
          + "(T([0-9]+H([0-9]+M)?([0-9]+([.][0-9]+)?S)?|[0-9]+M([0-9]+([.][0-9]+)?S)?|[0-9]+([.][0-9]+)?S))?$";

  /**
   * A label value: what a name becomes when tenantguard labels an object with it (a Tenant, Region
   * or DataClassification name on each namespace), 63 characters at most beside it.
   */
  public static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
  /** A label key: an optional DNS subdomain prefix and a slash, then a name of 63 characters at most. */
  public static final String LABEL_KEY =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";
  /** Text shown to people: no control character, which would rewrite a terminal or a log line. */
  public static final String PRINTABLE = "^[^\\x00-\\x1F\\x7F]*$";
  /** Text of several lines: tabs and line breaks, but no other control character. */
  public static final String PRINTABLE_LINES = "^[^\\x00-\\x08\\x0B-\\x1F\\x7F]*$";

  /** A contact role: a word in camel case (dpo, healthProfessional), as classifications require them. */
  public static final String CONTACT_ROLE = "^[a-z][a-zA-Z0-9]*$";
  /** An RFC 3339 time: 2026-03-01T00:00:00Z, 2026-03-01T01:00:00+01:00. */
  public static final String TIMESTAMP =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";

  /** A plain e-mail address. */
  public static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

  private Patterns() {}
}
