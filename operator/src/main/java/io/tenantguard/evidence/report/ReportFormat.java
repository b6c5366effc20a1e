package io.tenantguard.evidence.report;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.function.Function;

/** The formats a report is written in, with the media type the operator's endpoint answers with. */
public enum ReportFormat {
  json("application/json", reports -> Serialization.asJson(reports.size() == 1 ? reports.get(0) : reports) + "\n"),
  markdown("text/markdown; charset=utf-8", MarkdownReport::render),
  html("text/html; charset=utf-8", HtmlReport::render),
  oscal("application/json", OscalReport::render);

  private final String mediaType;
  private final Function<List<ComplianceReport>, String> renderer;

  ReportFormat(String mediaType, Function<List<ComplianceReport>, String> renderer) {
    this.mediaType = mediaType;
    this.renderer = renderer;
  }

  public String mediaType() {
    return mediaType;
  }

  public String render(List<ComplianceReport> reports) {
    return renderer.apply(reports);
  }
}
