//! The report as one HTML page: inline CSS and SVG charts, so it can be mailed, attached to a
//! CI run or opened from disk, and it asks nothing of the network.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Bucket, ContentReport};
use crate::config::Severity;
use crate::text::escape_html as esc;

const STYLE: &str = "
:root{color-scheme:light dark;--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--bar:#0f766e;--bad:#b42318;--warn:#8a5a00;--bg:#fff}
@media (prefers-color-scheme:dark){:root{--ink:#e4e7eb;--muted:#9aa5b1;--line:#3e4c59;--bar:#2dd4bf;--bad:#f97066;--warn:#fdb022;--bg:#111827}}
body{font:16px/1.5 system-ui,sans-serif;color:var(--ink);background:var(--bg);margin:0 auto;max-width:60rem;padding:1rem}
h1{margin-bottom:.25rem}h2{margin-top:2.5rem;border-bottom:1px solid var(--line)}
.muted{color:var(--muted)}.totals{display:flex;flex-wrap:wrap;gap:1rem;padding:0;list-style:none}
.totals li{border:1px solid var(--line);border-radius:.5rem;padding:.5rem 1rem}.totals b{display:block;font-size:1.5rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:start;vertical-align:top}
td.n{text-align:end;font-variant-numeric:tabular-nums}.full{color:var(--bar)}.gap{color:var(--bad);font-weight:600}
.error{color:var(--bad);font-weight:600}.warning{color:var(--warn);font-weight:600}
svg{max-width:100%;height:auto}svg text{fill:var(--ink);font:13px system-ui,sans-serif}svg rect{fill:var(--bar)}
.wrap{overflow-x:auto}code{font-size:.85em}
";

/// Rows of a horizontal bar chart taller than this are cut, to keep the page readable.
const MAX_BARS: usize = 30;

pub fn page(report: &ContentReport) -> String {
    let mut out = String::new();
    let title = format!("{} — content report", report.title);
    let _ = write!(
        out,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body><main>",
        esc(&title)
    );
    let _ = write!(
        out,
        "<h1>{}</h1><p class=\"muted\">Content report of {}, made by helpbook.</p>",
        esc(&report.title),
        esc(&report.date)
    );
    totals(&mut out, report);
    categories(&mut out, report);
    coverage(&mut out, report);
    section(&mut out, "staleness", "How long ago articles were updated");
    out.push_str(&column_chart(
        "Articles by time since their last update",
        &report.staleness,
    ));
    tags(&mut out, report);
    words(&mut out, report);
    findings(&mut out, report);
    out.push_str("</main></body></html>\n");
    out
}

fn section(out: &mut String, id: &str, heading: &str) {
    let _ = write!(out, "<h2 id=\"{id}\">{}</h2>", esc(heading));
}

fn totals(out: &mut String, report: &ContentReport) {
    let items = [
        ("articles", report.articles.to_string()),
        ("languages", report.languages.join(", ")),
        ("categories", report.per_category.len().to_string()),
        ("errors", report.check.errors.to_string()),
        ("warnings", report.check.warnings.to_string()),
    ];
    out.push_str("<ul class=\"totals\">");
    for (label, value) in items {
        let _ = write!(out, "<li><b>{}</b>{label}</li>", esc(&value));
    }
    out.push_str("</ul>");
}

fn categories(out: &mut String, report: &ContentReport) {
    section(out, "categories", "Articles per category and language");
    let totals: Vec<(String, usize)> = report
        .per_category
        .iter()
        .map(|(c, counts)| (c.clone(), counts.iter().sum()))
        .collect();
    out.push_str(&bar_chart("Articles per category, all languages", &totals));
    out.push_str("<div class=\"wrap\"><table><thead><tr><th>Category</th>");
    for lang in &report.languages {
        let _ = write!(out, "<th>{}</th>", esc(lang));
    }
    out.push_str("</tr></thead><tbody>");
    for (category, counts) in &report.per_category {
        let most = counts.iter().copied().max().unwrap_or(0);
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", esc(category));
        for &count in counts {
            let class = if count == most { "full" } else { "gap" };
            let _ = write!(out, "<td class=\"n {class}\">{count}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}

fn coverage(out: &mut String, report: &ContentReport) {
    section(out, "translations", "Translation coverage");
    let rows: Vec<(String, usize)> = report
        .coverage
        .iter()
        .map(|c| (format!("{} (%)", c.language), c.percent as usize))
        .collect();
    out.push_str(&bar_chart("Share of all articles each language has", &rows));
    if report.untranslated.is_empty() {
        out.push_str("<p>Every article exists in every language.</p>");
        return;
    }
    let _ = write!(
        out,
        "<p>{} articles are missing in some language.</p><div class=\"wrap\"><table><thead><tr><th>Article</th><th>Missing in</th></tr></thead><tbody>",
        report.untranslated.len()
    );
    for (key, missing) in &report.untranslated {
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td class=\"gap\">{}</td></tr>",
            esc(key),
            esc(&missing.join(", "))
        );
    }
    out.push_str("</tbody></table></div>");
}

fn tags(out: &mut String, report: &ContentReport) {
    section(out, "tags", "Most used tags");
    if report.tags.is_empty() {
        out.push_str("<p>No article has tags.</p>");
        return;
    }
    let rows: Vec<(String, usize)> = report
        .tags
        .iter()
        .map(|t| (format!("{} ({})", t.tag, t.language), t.articles))
        .collect();
    out.push_str(&bar_chart("Articles per tag", &rows));
}

fn words(out: &mut String, report: &ContentReport) {
    section(out, "words", "Words per article");
    out.push_str(&column_chart("Articles by length in words", &report.words));
    let averages: Vec<String> = report
        .languages
        .iter()
        .zip(&report.average_words)
        .map(|(lang, avg)| format!("{lang}: {avg}"))
        .collect();
    let _ = write!(
        out,
        "<p>Average words per article: {}.</p>",
        esc(&averages.join(", "))
    );
}

fn findings(out: &mut String, report: &ContentReport) {
    section(out, "findings", "Findings of helpbook check");
    let check = &report.check;
    if check.is_clean() {
        out.push_str("<p>No problems found.</p>");
        return;
    }
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in &check.findings {
        *by_rule.entry(finding.rule).or_default() += 1;
    }
    let rows: Vec<(String, usize)> = by_rule
        .into_iter()
        .map(|(r, n)| (r.to_string(), n))
        .collect();
    out.push_str(&bar_chart("Findings per rule", &rows));
    out.push_str("<div class=\"wrap\"><table><thead><tr><th>Where</th><th>Severity</th><th>Rule</th><th>What</th></tr></thead><tbody>");
    for finding in &check.findings {
        let place = match (&finding.file, finding.line, finding.column) {
            (Some(file), Some(line), Some(column)) => {
                format!("{}:{line}:{column}", file.display())
            }
            (Some(file), _, _) => file.display().to_string(),
            _ => "(site)".to_string(),
        };
        let severity = match finding.severity {
            Severity::Error => "error",
            _ => "warning",
        };
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td class=\"{severity}\">{severity}</td><td><code>{}</code></td><td>{}</td></tr>",
            esc(&place),
            finding.rule,
            esc(&finding.message)
        );
    }
    out.push_str("</tbody></table></div>");
}

/// Horizontal bars, one per row, with the label before and the value after each bar.
fn bar_chart(title: &str, rows: &[(String, usize)]) -> String {
    const ROW: usize = 26;
    const LABEL: usize = 220;
    const BAR: usize = 380;
    let rows = &rows[..rows.len().min(MAX_BARS)];
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let height = rows.len() * ROW + 4;
    let mut svg = format!(
        "<svg role=\"img\" viewBox=\"0 0 {} {height}\" width=\"{}\" height=\"{height}\"><title>{}</title>",
        LABEL + BAR + 60,
        LABEL + BAR + 60,
        esc(title)
    );
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = i * ROW;
        let width = value * BAR / max;
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{LABEL}\" y=\"{}\" width=\"{width}\" height=\"{}\" rx=\"3\"></rect><text x=\"{}\" y=\"{}\">{value}</text>",
            LABEL - 8,
            y + 18,
            esc(label),
            y + 4,
            ROW - 8,
            LABEL + width + 6,
            y + 18,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Vertical columns for a histogram, labelled underneath.
fn column_chart(title: &str, buckets: &[Bucket]) -> String {
    const COLUMN: usize = 110;
    const HEIGHT: usize = 160;
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let width = buckets.len() * COLUMN;
    let total = HEIGHT + 44;
    let mut svg = format!(
        "<svg role=\"img\" viewBox=\"0 0 {width} {total}\" width=\"{width}\" height=\"{total}\"><title>{}</title>",
        esc(title)
    );
    for (i, bucket) in buckets.iter().enumerate() {
        let x = i * COLUMN;
        let h = bucket.count * (HEIGHT - 20) / max;
        let top = HEIGHT - h;
        let _ = write!(
            svg,
            "<rect x=\"{}\" y=\"{top}\" width=\"{}\" height=\"{h}\" rx=\"3\"></rect><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x + 15,
            COLUMN - 30,
            x + COLUMN / 2,
            top.saturating_sub(4).max(12),
            bucket.count,
            x + COLUMN / 2,
            HEIGHT + 20,
            esc(&bucket.label),
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_escape_labels() {
        let svg = bar_chart("t", &[("<a>".into(), 2), ("b".into(), 4)]);
        assert!(svg.contains("&lt;a&gt;"), "{svg}");
        assert!(svg.contains("width=\"190\""), "{svg}");
        assert!(svg.contains("width=\"380\""), "{svg}");
    }

    #[test]
    fn empty_histograms_do_not_divide_by_zero() {
        let svg = column_chart(
            "t",
            &[Bucket {
                label: "none".into(),
                count: 0,
            }],
        );
        assert!(svg.contains("height=\"0\""), "{svg}");
    }
}
