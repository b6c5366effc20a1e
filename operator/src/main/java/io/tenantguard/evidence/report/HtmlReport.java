package io.tenantguard.evidence.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The responsibility matrix as one self-contained HTML page (no script, no external asset), to
 * open in a browser, print or attach: a Violated control stands out in red, by word and colour.
 */
final class HtmlReport {
  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1d2430}
      h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccd}
      dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
      table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ccd;padding:.35rem .5rem;
      text-align:left;vertical-align:top}th{background:#eef1f6}code{font-size:.85rem}
      .state{font-weight:700;white-space:nowrap}.Enforced{color:#116329}.ProviderAttested{color:#0b5394}
      .Violated{color:#fff;background:#c62828}.NotEnforced{color:#8a4b00;background:#fff1d6}
      .ClientResponsibility{color:#5b3b8c}.NotApplicable{color:#667}
      tr.row-Violated td{background:#fdecea}tr.row-Violated td.state{background:#c62828;color:#fff}
      .report+.report{border-top:3px solid #1d2430;margin-top:3rem}
      """;

  private HtmlReport() {}

  static String render(List<ComplianceReport> reports) {
    String title = reports.size() == 1
        ? "Responsibility matrix: " + reports.get(0).displayName() : "Responsibility matrices of " + reports.size() + " tenants";
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
        + "</title><style>" + STYLE + "</style></head><body>\n"
        + reports.stream().map(HtmlReport::render).collect(Collectors.joining("\n"))
        + "</body></html>\n";
  }

  private static String render(ComplianceReport report) {
    StringBuilder html = new StringBuilder("<section class=\"report\" id=\"").append(escape(report.tenant())).append("\">");
    html.append("<h1>Responsibility matrix: ").append(escape(report.displayName())).append(" (")
        .append(escape(report.tenant())).append(")</h1><dl>");
    MarkdownReport.header(report).forEach((name, value) ->
        html.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>"));
    html.append("</dl>");
    MarkdownReport.bySection(report).forEach((section, rows) -> {
      html.append("<h2>").append(escape(section)).append("</h2><table><thead><tr><th>Control</th><th>ISO 27001:2013")
          .append("</th><th>ISO 27001:2022</th><th>Title</th><th>Owner</th><th>State</th><th>Evidence</th></tr>")
          .append("</thead><tbody>");
      rows.forEach(row -> html.append("<tr class=\"row-").append(row.state()).append("\" id=\"control-")
          .append(escape(row.id())).append("\"><td><code>").append(escape(row.id())).append("</code></td><td>")
          .append(escape(row.iso2013())).append("</td><td>").append(escape(row.iso2022())).append("</td><td>")
          .append(escape(row.title())).append("</td><td>").append(escape(row.owner()))
          .append("</td><td class=\"state ").append(row.state()).append("\">").append(row.state())
          .append("<br><small>").append(escape(row.reason())).append("</small></td><td>").append(escape(row.evidence()))
          .append("</td></tr>"));
      html.append("</tbody></table>");
    });
    return html.append("</section>").toString();
  }

  private static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
