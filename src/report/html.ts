// `--html FILE`: one self-contained page a person can open offline (no CDN, no request at all): the
// verdict, the counts, the architecture drawn (inline SVG from the diagram model), every result
// filterable by severity, service, claim and status, read failures and drift. Account data is text,
// never markup: everything goes through escapeHtml, the script and stylesheet are fixed strings
// allowed by their hashes in a Content-Security-Policy, and no data is ever placed inside them.
import { createHash } from 'node:crypto';
import { resultTitle, resultWords } from '../engine/message.js';
import { subjectLabel } from '../engine/labels.js';
import { ruleService } from '../engine/rule-service.js';
import { SEVERITIES } from '../engine/types.js';
import { renderSvg } from '../diagram/svg.js';
import { OUTCOME_WORDS } from '../diagram/model.js';
import { escapeHtml as h } from '../text/html.js';
import { byCodeUnits } from '../text/order.js';
import { SEVERITY_RANK, driftCount, emptyScopeLine, notesText, specLabel, type ReportContext, type ReportedResult } from './model.js';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1400px;padding:16px 24px;color:#1b1b1b;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.facts{color:#555;margin:0 0 12px}.verdict{padding:10px 14px;border-radius:6px;border-left:6px solid;margin:12px 0;font-weight:600}
.verdict.incomplete{background:#fff4e0;border-color:#b45f06}.verdict.drift{background:#fdecea;border-color:#c62828}.verdict.complete{background:#e8f5e9;border-color:#2e7d32}
.warning{background:#fff8e1;border-left:4px solid #b45f06;padding:6px 10px;margin:6px 0}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f6f6}
table.counts{width:auto}td.num{text-align:right}tr[hidden]{display:none}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:8px 0}.filters button{border:1px solid #999;background:#fff;border-radius:12px;padding:2px 10px;cursor:pointer}
.filters button[aria-pressed=true]{background:#1b1b1b;color:#fff}
.status-fail{color:#c62828;font-weight:600}.status-error{color:#b45f06;font-weight:600}.status-pass{color:#2e7d32}
.diagram{overflow:auto;border:1px solid #ddd;border-radius:6px;padding:4px}
.legend{display:flex;gap:14px;flex-wrap:wrap;color:#444;margin:6px 0}.legend span::before{content:"";display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px;border:2px solid #999}
.legend .fail::before{background:#fdecea;border-color:#c62828}.legend .error::before{background:#fff4e0;border-color:#b45f06}.legend .pass::before{background:#e8f5e9;border-color:#2e7d32}
.legend .suppressed::before{background:#f1f1f1;border-color:#6d6d6d}.legend .unchecked::before{background:#fafafa}.legend .missing::before{border-style:dashed}.legend .appeared::before{border-color:#1565c0}.legend .disappeared::before{border-style:dotted}
svg.architecture{font:12px system-ui,sans-serif}
.group>rect{fill:#fcfcfc;stroke:#b0b0b0}.group.role-vpc>rect{fill:#f4f8fd;stroke:#6b8fb8}.group.role-tier>rect{fill:#fbfbfb}.group.role-az>rect{fill:#fff;stroke-dasharray:4 3}
.group.outcome-fail>rect{stroke:#c62828;stroke-width:2}.group.outcome-error>rect{stroke:#b45f06;stroke-width:2}.group-title{font-weight:600;fill:#333}
.node>rect{stroke-width:1.5}.node.fail>rect{fill:#fdecea;stroke:#c62828;stroke-width:2.5}.node.error>rect{fill:#fff4e0;stroke:#b45f06;stroke-width:2.5}
.node.pass>rect{fill:#e8f5e9;stroke:#2e7d32}.node.suppressed>rect{fill:#f1f1f1;stroke:#6d6d6d}.node.unchecked>rect{fill:#fafafa;stroke:#9e9e9e}
.node.missing>rect{fill:#fff;stroke-dasharray:6 4}.node.appeared>rect{stroke:#1565c0;stroke-width:3}.node.disappeared>rect{stroke-dasharray:2 3;opacity:.7}
.node-name{font-weight:600}.node-kind,.node-status{fill:#444}.link line{stroke:#555;stroke-width:1.3}marker path{fill:#555}
pre{background:#f6f6f6;padding:10px;overflow:auto}
`;

/** Severity chips, and service, claim and status selects: a row shows when it matches every filter. */
const SCRIPT = `
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#results tbody tr'));
  var chips = Array.prototype.slice.call(document.querySelectorAll('button[data-severity]'));
  var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
  var shown = document.getElementById('shown');
  function value(name) { for (var i = 0; i < selects.length; i++) if (selects[i].getAttribute('data-filter') === name) return selects[i].value; return ''; }
  function apply() {
    var severities = chips.filter(function (c) { return c.getAttribute('aria-pressed') === 'true'; }).map(function (c) { return c.getAttribute('data-severity'); });
    var service = value('service'), claim = value('claim'), status = value('status'), n = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = (severities.length === 0 || severities.indexOf(d.severity) >= 0) &&
        (service === '' || d.service === service) &&
        (claim === '' || d.claims.split('\\n').indexOf(claim) >= 0) &&
        (status === 'all' || (status === 'problems' ? d.status === 'fail' || d.status === 'error' : d.status === status));
      row.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + rows.length + ' results shown';
  }
  chips.forEach(function (c) { c.addEventListener('click', function () { c.setAttribute('aria-pressed', c.getAttribute('aria-pressed') === 'true' ? 'false' : 'true'); apply(); }); });
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  apply();
})();
`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Nothing may load from anywhere: only the page's own stylesheet and script, by hash. */
export const HTML_CSP = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

export function renderHtml(ctx: ReportContext, drift?: { text: string }): string {
  const { report } = ctx;
  const title = `infra-audit: ${report.spec.application || 'spec'}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(HTML_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    ...header(ctx, title),
    ...diagram(ctx),
    ...results(ctx),
    ...gaps(ctx),
    ...(report.warnings.length ? ['<h2>Warnings</h2>', '<ul>', ...report.warnings.map((w) => `<li>${h(w)}</li>`), '</ul>'] : []),
    ...(drift ? ['<h2>Drift since the previous snapshot</h2>', `<pre>${h(drift.text)}</pre>`] : []),
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

function header({ report, baseDir }: ReportContext, title: string): string[] {
  const s = report.summary;
  const verdict = !report.complete
    ? ['incomplete', `INCOMPLETE: ${s.error ? `${s.error} check${s.error === 1 ? '' : 's'} could not read what ${s.error === 1 ? 'it' : 'they'} needed` : `${report.gaps.length} read${report.gaps.length === 1 ? '' : 's'} of the account failed`}. Missing findings are not passes.${s.fail ? ` ${s.fail} finding${s.fail === 1 ? '' : 's'} so far.` : ''}`]
    : driftCount(report.results) > 0
      ? ['drift', `Drift found: ${s.fail} finding${s.fail === 1 ? '' : 's'} against the spec. The audit is complete.`]
      : ['complete', `Complete: the account matches the spec for every rule that applied.${notesText(report.results)}`];
  const emptyScope = emptyScopeLine(report);
  return [
    `<h1>${h(title)}</h1>`,
    `<p class="facts">Account ${h(report.account)} · ${h(report.regions.join(', ') || 'no regions')} · snapshot ${h(report.snapshot.startedAt)} – ${h(report.snapshot.finishedAt)} · spec ${h(specLabel(report.spec, baseDir))} · infra-audit ${h(report.tool.version)}</p>`,
    ...(emptyScope ? [`<p class="warning">${h(emptyScope)}</p>`] : []),
    `<div class="verdict ${verdict[0]}" id="verdict">${h(verdict[1]!)}</div>`,
    '<table class="counts" id="counts"><thead><tr><th>Outcome</th><th>Count</th></tr></thead><tbody>',
    ...(['fail', 'error', 'suppressed', 'pass', 'skip'] as const).map((k) => `<tr><td>${k}</td><td class="num">${s[k]}</td></tr>`),
    ...(report.filtered?.rules.length ? [`<tr><td>rules excluded by filter</td><td class="num">${report.filtered.rules.length}</td></tr>`] : []),
    '</tbody></table>',
  ];
}

function diagram({ diagram: model }: ReportContext): string[] {
  if (!model) return [];
  const legend = (['fail', 'error', 'suppressed', 'pass', 'unchecked'] as const).map((o) => `<span class="${o}">${h(OUTCOME_WORDS[o])}</span>`);
  return [
    '<h2>Architecture</h2>',
    '<p>The in-scope resources as read, laid out like the design document; each box is marked by the worst outcome of the checks about it and the resources folded into it.</p>',
    `<div class="legend">${legend.join('')}<span class="missing">expected by the spec, missing</span><span class="appeared">appeared</span><span class="disappeared">disappeared</span></div>`,
    ...model.notes.map((n) => `<p class="warning">${h(n)}</p>`),
    `<div class="diagram" id="diagram">${renderSvg(model)}</div>`,
  ];
}

function results(ctx: ReportContext): string[] {
  const rows = [...ctx.report.results].sort(worstFirst);
  const serviceOf = (r: ReportedResult) => { const rule = ctx.rules.get(r.ruleId)?.rule; return rule ? ruleService(rule) : ''; };
  const services = [...new Set(rows.map(serviceOf).filter(Boolean))].sort(byCodeUnits);
  const claims = [...new Set(rows.flatMap((r) => r.claims))].sort(byCodeUnits);
  const option = (value: string, label = value) => `<option value="${h(value)}">${h(label)}</option>`;
  return [
    '<h2>Results</h2>',
    '<div class="filters" id="filters"><span>Severity:</span>',
    ...SEVERITIES.map((s) => `<button type="button" data-severity="${s}" aria-pressed="false">${s}</button>`),
    `<label>Service <select data-filter="service">${option('', 'any')}${services.map((s) => option(s)).join('')}</select></label>`,
    `<label>Claim <select data-filter="claim">${option('', 'any')}${claims.map((c) => option(c)).join('')}</select></label>`,
    `<label>Status <select data-filter="status">${option('problems', 'fail or error')}${option('all')}${['fail', 'error', 'suppressed', 'pass', 'skip'].map((s) => option(s)).join('')}</select></label>`,
    '<span id="shown"></span></div>',
    '<table id="results"><thead><tr><th>Severity</th><th>Status</th><th>Rule</th><th>Resource</th><th>Expected</th><th>Actual or reason</th><th>Claims</th></tr></thead><tbody>',
    ...rows.map((r) => {
      const status = r.suppression ? 'suppressed' : r.status;
      const rule = ctx.rules.get(r.ruleId)?.rule;
      const title = rule && resultTitle(rule, ctx.spec.value, r.item);
      const words = resultWords(r);
      const expected = words.expected;
      const actual = r.status === 'pass' || r.status === 'fail' ? words.actual : (r.reason ?? r.message);
      const why = r.suppression ? ` (accepted by ${r.suppression.owner} until ${r.suppression.expires}: ${r.suppression.reason})` : '';
      return `<tr data-severity="${h(r.severity)}" data-service="${h(serviceOf(r))}" data-claims="${h(r.claims.join('\n'))}" data-status="${h(status)}">` +
        `<td>${h(r.severity)}</td><td class="status-${h(status)}">${h(status)}</td><td>${title ? `${h(title)} ` : ''}<code>${h(r.ruleId)}</code></td>` +
        `<td>${h(subjectLabel(r))}</td><td>${h(expected)}</td><td>${h(actual + why)}</td><td>${h(r.claims.join(', '))}</td></tr>`;
    }),
    '</tbody></table>',
  ];
}

function gaps({ report }: ReportContext): string[] {
  if (!report.gaps.length) return [];
  return [
    `<h2>Read failures (${report.gaps.length})</h2>`,
    '<table id="gaps"><thead><tr><th>Service</th><th>Operation</th><th>Region</th><th>Code</th><th>Message</th></tr></thead><tbody>',
    ...report.gaps.map((g) => `<tr><td>${h(g.service)}</td><td>${h(g.operation)}</td><td>${h(g.region)}</td><td>${h(g.code)}</td><td>${h(g.message)}</td></tr>`),
    '</tbody></table>',
  ];
}

const worstFirst = (a: ReportedResult, b: ReportedResult) =>
  STATUS_RANK[a.status] - STATUS_RANK[b.status] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || byCodeUnits(a.ruleId, b.ruleId) || byCodeUnits(a.resource.id, b.resource.id);
const STATUS_RANK = { fail: 0, error: 1, skip: 2, pass: 3 } as const;
