package io.tenantguard.evidence.report;

import io.tenantguard.api.v1alpha1.Certification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The responsibility matrix as Markdown: a client or an auditor reads it as it is, or rendered. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(List<ComplianceReport> reports) {
    return reports.stream().map(MarkdownReport::render).collect(Collectors.joining("\n"));
  }

  private static String render(ComplianceReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# Responsibility matrix: ").append(report.displayName()).append(" (").append(report.tenant())
        .append(")\n\n");
    header(report).forEach((name, value) -> md.append("- ").append(name).append(": ").append(value).append("\n"));
    bySection(report).forEach((section, rows) -> {
      md.append("\n## ").append(section).append("\n\n")
          .append("| control (ISO 27001:2013 / 2022) | title | owner | state | evidence |\n")
          .append("| --- | --- | --- | --- | --- |\n");
      rows.forEach(row -> md.append("| `").append(row.id()).append("` (").append(row.iso2013()).append(" / ")
          .append(row.iso2022()).append(") | ").append(cell(row.title())).append(" | ").append(row.owner())
          .append(" | **").append(row.state()).append("** (").append(row.reason()).append(") | ")
          .append(cell(row.evidence())).append(" |\n"));
    });
    return md.toString();
  }

  /** The lines above the matrix, shared by the Markdown and HTML forms. */
  static Map<String, String> header(ComplianceReport report) {
    Map<String, String> header = new LinkedHashMap<>();
    header.put("Date", report.generatedAt().toString());
    header.put("Compliance labels", report.compliance().isEmpty() ? "ISO27001 (every tenant)"
        : report.compliance().stream().map(Certification::name).collect(Collectors.joining(", ")));
    header.put("Phase", report.phase() + (report.ready() ? ", Ready" : ", not Ready") + ": " + report.readyMessage());
    header.put("Hosting", "countries " + list(report.hostingCountries()) + "; centres " + list(report.hostingCentres())
        + "; regions " + list(report.regions()));
    header.put("Access list digest", report.accessDigest() == null ? "none yet" : report.accessDigest());
    header.put("Status", report.current() ? "describes the tenant's current spec"
        : "describes an earlier spec: the operator has not caught up yet");
    header.put("Controls", report.controls().size() + ": " + java.util.Arrays.stream(
            io.tenantguard.api.v1alpha1.tenant.ControlState.values())
        .filter(state -> report.count(state) > 0)
        .map(state -> report.count(state) + " " + state)
        .collect(Collectors.joining(", ")));
    header.put("Made by", "tenantguard " + report.operatorVersion());
    return header;
  }

  static Map<String, List<ComplianceReport.Row>> bySection(ComplianceReport report) {
    return report.controls().stream()
        .collect(Collectors.groupingBy(ComplianceReport.Row::section, LinkedHashMap::new, Collectors.toList()));
  }

  private static String list(List<String> values) {
    return values.isEmpty() ? "none" : String.join(", ", values);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
