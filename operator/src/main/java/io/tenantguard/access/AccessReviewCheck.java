package io.tenantguard.access;

import io.tenantguard.kube.CalendarDuration;
import io.tenantguard.api.v1alpha1.tenant.AccessReview;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.capability.PlacedNamespace;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.kube.StatusConditions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Whether the client reviewed the tenant's current access list within the interval its
 * classifications set (SNC 9.4, ISO 27001 A.9.2.5): a review counts only when it names the digest
 * of the list as it is now. A client's duty: shown Violated when overdue, never held against Ready.
 */
final class AccessReviewCheck {
  static final String REVIEWED = "Reviewed";
  static final String REVIEW_DUE = "ReviewDue";
  static final String REVIEW_OVERDUE = "ReviewOverdue";
  static final String REVIEW_STALE = "ReviewStale";
  static final String REVIEW_INVALID = "ReviewInvalid";

  /** @param due when the review falls overdue, to wake the tenant then; null when nothing is due */
  record Verdict(ControlState state, String reason, String message, Instant due) {}

  private AccessReviewCheck() {}

  static Verdict check(TenantInputs inputs, List<PlacedNamespace> namespaces, String digest) {
    List<PlacedNamespace> reviewed =
        namespaces.stream().filter(PlacedNamespace::provisioned)
        .filter(ns -> ns.view().requirements().accessReviewInterval() != null).toList();
    if (reviewed.isEmpty()) {
      return new Verdict(ControlState.NotApplicable, StatusConditions.NOT_REQUIRED,
          "no classification of the tenant sets an access review interval", null);
    }
    AccessReview review = inputs.spec().accessReview();
    Instant now = inputs.now();
    Instant since = review == null ? created(inputs) : review.lastReviewedAt().toInstant();
    Optional<CalendarDuration> interval = interval(reviewed, since);
    if (interval.isEmpty()) {
      return new Verdict(ControlState.Violated, REVIEW_INVALID, "requirements.accessReviewInterval of the"
          + " classifications of namespaces " + names(reviewed) + " is not an ISO 8601 duration", null);
    }
    Instant due = interval.get().after(since);
    String every = " (every " + interval.get() + ", classifications of namespaces " + names(reviewed) + ")";
    if (review == null) {
      return due.isAfter(now)
          ? new Verdict(ControlState.ClientResponsibility, REVIEW_DUE, "no access review yet: the first is due by "
              + due + every + "; set spec.accessReview naming the access list digest " + digest, due)
          : new Verdict(ControlState.Violated, REVIEW_OVERDUE, "no access review since the tenant was created: it was"
              + " due by " + due + every + "; set spec.accessReview naming the access list digest " + digest, null);
    }
    if (review.lastReviewedAt().toInstant().isAfter(now)) {
      return new Verdict(ControlState.Violated, REVIEW_INVALID, "spec.accessReview.lastReviewedAt "
          + review.lastReviewedAt() + " is in the future", null);
    }
    if (!review.accessDigest().equals(digest)) {
      return new Verdict(ControlState.Violated, REVIEW_STALE, "the review by " + review.reviewer() + " at "
          + review.lastReviewedAt() + " named access list " + review.accessDigest() + ", but the access list changed"
          + " since: review it again and name its digest " + digest, null);
    }
    return due.isAfter(now)
        ? new Verdict(ControlState.Enforced, REVIEWED, "access list " + digest + " reviewed by " + review.reviewer()
            + " at " + review.lastReviewedAt() + "; next review due by " + due + every, due)
        : new Verdict(ControlState.Violated, REVIEW_OVERDUE, "the last access review, by " + review.reviewer() + " at "
            + review.lastReviewedAt() + ", is overdue since " + due + every, null);
  }

  /** The strictest interval the classifications set, or empty when one cannot be read. */
  private static Optional<CalendarDuration> interval(List<PlacedNamespace> reviewed, Instant from) {
    CalendarDuration strictest = null;
    for (PlacedNamespace ns : reviewed) {
      CalendarDuration interval;
      try {
        interval = CalendarDuration.parse(ns.view().requirements().accessReviewInterval());
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      strictest = strictest == null || interval.after(from).isBefore(strictest.after(from)) ? interval : strictest;
    }
    return Optional.of(strictest);
  }

  private static Instant created(TenantInputs inputs) {
    String created = inputs.tenant().getMetadata().getCreationTimestamp();
    return created == null ? inputs.now() : OffsetDateTime.parse(created).toInstant();
  }

  private static String names(List<PlacedNamespace> namespaces) {
    return String.join(", ", namespaces.stream().map(PlacedNamespace::name).toList());
  }
}
