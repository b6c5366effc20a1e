package io.tenantguard.lifecycle;

import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.api.v1alpha1.classification.Retention;
import io.tenantguard.api.v1alpha1.tenant.LegalHold;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Whether a tenant's legal hold stops its destruction: only when every class of data it holds allows holds. */
final class LegalHolds {
  /** No hold; a hold that stops destruction; a hold some classification forbids, not honoured. */
  enum Verdict {
    NONE,
    HONOURED,
    REFUSED
  }

  private LegalHolds() {}

  static Verdict verdict(LegalHold hold, Collection<String> held, Map<String, DataClassification> classifications) {
    if (hold == null) {
      return Verdict.NONE;
    }
    return refusing(held, classifications).isEmpty() ? Verdict.HONOURED : Verdict.REFUSED;
  }

  /** The classifications whose retention.legalHoldAllowed is false. */
  static List<String> refusing(Collection<String> held, Map<String, DataClassification> classifications) {
    return held.stream().filter(name -> !retention(classifications.get(name)).legalHoldAllowed()).sorted().toList();
  }

  /** A classification's retention; the API's defaults when it is gone. */
  static Retention retention(DataClassification classification) {
    return classification == null || classification.getSpec() == null
        ? Retention.DEFAULT
        : classification.getSpec().retention();
  }
}
