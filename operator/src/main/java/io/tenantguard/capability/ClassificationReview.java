package io.tenantguard.capability;

import io.fabric8.kubernetes.api.model.Condition;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import java.util.List;

/** What a capability finds about a DataClassification itself, shown as conditions in its status. */
public interface ClassificationReview {
  List<Condition> conditions(DataClassification classification);
}
