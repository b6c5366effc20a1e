package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.tenantguard.api.v1alpha1.Patterns;

@ValidationRule(
    value = "!self.name.startsWith('system:')",
    message = "must name a nominal subject, not a built-in system: identity or group",
    fieldPath = ".name",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "self.kind == 'ServiceAccount' ? has(self.__namespace__) : !has(self.__namespace__)",
    message = "namespace is required for a ServiceAccount and only for one",
    fieldPath = ".namespace",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = "self.kind != 'ServiceAccount' || self.name.matches(r'" + Patterns.DNS_SUBDOMAIN + "')",
    message = "a ServiceAccount's name must be a DNS-1123 subdomain (lower case letters, digits, '-' and '.')",
    fieldPath = ".name",
    reason = "FieldValueInvalid")
public record Subject(
    @JsonPropertyDescription("User, Group or ServiceAccount.") @Required SubjectKind kind,
    @JsonPropertyDescription(
            "Nominal name of the subject; built-in system: identities and groups are refused.")
        @Required
        @Size(min = 1, max = 253)
        @Pattern("^[^*\\x00-\\x1F\\x7F]*$")
        String name,
    @JsonPropertyDescription("Namespace of a ServiceAccount; it must be one of the tenant's namespaces.")
        @Size(max = 63)
        @Pattern(Patterns.DNS_LABEL)
        String namespace) {}
