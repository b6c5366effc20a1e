package io.tenantguard.evidence.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An OSCAL Assessment Results document (OSCAL 1.1.3, JSON): one result per tenant, one observation
 * and one finding per control. A finding is satisfied only where the control is Enforced, attested
 * by the provider or not applicable; a client's duty is not something the provider observed
 * satisfied. UUIDs are of version 5, derived from the tenant, the time and the control, so that the
 * same report gives the same document.
 */
final class OscalReport {
  static final String OSCAL_VERSION = "1.1.3";
  /** The namespace of tenantguard's own properties. */
  static final String NS = "https://tenantguard.io/ns/oscal";
  private static final Set<ControlState> SATISFIED =
      Set.of(ControlState.Enforced, ControlState.ProviderAttested, ControlState.NotApplicable);
  private static final UUID NAMESPACE = UUID.fromString("6f1c4c4e-5b0a-4d61-9c55-0d6b7e1f2a90");
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private OscalReport() {}

  static String render(List<ComplianceReport> reports) {
    String when = reports.isEmpty() ? "" : reports.get(0).generatedAt().toString();
    String tenants = reports.stream().map(ComplianceReport::tenant).collect(Collectors.joining(","));
    ObjectNode results = JSON.objectNode();
    results.put("uuid", uuid("assessment-results", tenants, when));
    ObjectNode metadata = results.putObject("metadata");
    metadata.put("title", reports.size() == 1 ? "tenantguard assessment of tenant " + reports.get(0).tenant()
        : "tenantguard assessment of " + reports.size() + " tenants");
    metadata.put("last-modified", when);
    metadata.put("version", reports.isEmpty() ? "unknown" : reports.get(0).operatorVersion());
    metadata.put("oscal-version", OSCAL_VERSION);
    ObjectNode plan = results.putObject("import-ap");
    plan.put("href", "urn:tenantguard:assessment-plan:continuous");
    plan.put("remarks", "tenantguard evaluates every control of its catalogue at each reconciliation of a tenant;"
        + " the catalogue (docs/controls.md) is the plan.");
    ArrayNode list = results.putArray("results");
    reports.forEach(report -> list.add(result(report)));
    ObjectNode document = JSON.objectNode();
    document.set("assessment-results", results);
    return document.toPrettyString() + "\n";
  }

  private static ObjectNode result(ComplianceReport report) {
    String when = report.generatedAt().toString();
    ObjectNode result = JSON.objectNode();
    result.put("uuid", uuid("result", report.tenant(), when));
    result.put("title", "Controls of tenant " + report.tenant() + " (" + report.displayName() + ")");
    result.put("description", "The responsibility matrix of tenant " + report.tenant() + " as the Tenant's status"
        + " shows it: phase " + report.phase() + ", " + (report.ready() ? "Ready" : "not Ready") + ": "
        + report.readyMessage());
    result.put("start", when);
    ArrayNode props = result.putArray("props");
    prop(props, "tenant", report.tenant());
    report.compliance().forEach(label -> prop(props, "compliance-label", label.name()));
    report.hostingCountries().forEach(country -> prop(props, "hosting-country", country));
    report.hostingCentres().forEach(centre -> prop(props, "hosting-centre", centre));
    ArrayNode selected = result.putObject("reviewed-controls").putArray("control-selections").addObject()
        .putArray("include-controls");
    report.controls().forEach(row -> selected.addObject().put("control-id", row.id()));
    ArrayNode observations = result.putArray("observations");
    ArrayNode findings = result.putArray("findings");
    for (ComplianceReport.Row row : report.controls()) {
      String observation = uuid("observation", report.tenant(), when, row.id());
      ObjectNode observed = observations.addObject();
      observed.put("uuid", observation);
      observed.put("title", row.id());
      observed.put("description", row.evidence().isBlank() ? row.state() + " (" + row.reason() + ")" : row.evidence());
      observed.putArray("methods").add("TEST");
      ArrayNode observedProps = observed.putArray("props");
      prop(observedProps, "state", row.state().name());
      prop(observedProps, "reason", row.reason());
      observed.put("collected", when);

      ObjectNode finding = findings.addObject();
      finding.put("uuid", uuid("finding", report.tenant(), when, row.id()));
      finding.put("title", row.id() + ": " + row.title());
      finding.put("description", row.state() + " (" + row.reason() + "); owner " + row.owner() + "; ISO 27001:2013 "
          + row.iso2013() + ", ISO 27001:2022 " + row.iso2022() + "; evaluated by " + row.evaluatedBy());
      ArrayNode findingProps = finding.putArray("props");
      prop(findingProps, "owner", row.owner());
      prop(findingProps, "iso27001-2013", row.iso2013());
      prop(findingProps, "iso27001-2022", row.iso2022());
      ObjectNode target = finding.putObject("target");
      target.put("type", "objective-id");
      target.put("target-id", row.id());
      ObjectNode status = target.putObject("status");
      status.put("state", SATISFIED.contains(row.state()) ? "satisfied" : "not-satisfied");
      status.put("reason", row.state() == ControlState.Violated ? "fail"
          : row.state() == ControlState.Enforced ? "pass" : "other");
      if (row.state() == ControlState.NotApplicable) {
        target.putObject("implementation-status").put("state", "not-applicable");
      }
      finding.putArray("related-observations").addObject().put("observation-uuid", observation);
    }
    return result;
  }

  private static void prop(ArrayNode props, String name, String value) {
    props.addObject().put("name", name).put("ns", NS).put("value", value);
  }

  /** A name-based UUID of version 5 (SHA-1), as OSCAL accepts (version 4 or 5). */
  static String uuid(String... parts) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
          .putLong(NAMESPACE.getLeastSignificantBits()).array());
      byte[] hash = sha1.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
      hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
      hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
      ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
      return new UUID(bytes.getLong(), bytes.getLong()).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
