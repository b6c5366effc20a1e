package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.time.OffsetDateTime;

/** The client's last review of the tenant's access rights (SNC 9.4, ISO 27001 A.9.2.5). */
public record AccessReview(
    @JsonPropertyDescription("When the access list was reviewed (RFC 3339).") @Required OffsetDateTime lastReviewedAt,
    @JsonPropertyDescription("Who reviewed it: a name or e-mail address.") @Required @Size(min = 1, max = 254)
        String reviewer,
    @JsonPropertyDescription(
            "The digest of the access list the reviewer saw, as status.accessDigest published it; a review of another list does not count.")
        @Required
        @Pattern("^sha256:[0-9a-f]{64}$")
        String accessDigest) {}
