// SARIF 2.1.0 for GitHub code scanning. Every finding is anchored to a line of a file in the repository
// (the spec value it contradicts, else the rule file) and carries its own fingerprint, so GitHub keeps
// one alert per (rule, resource, account, region) across nights. Errors and read failures are not
// results: they go to the invocation's notifications, and `executionSuccessful` says if the audit was whole.
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ruleService } from '../engine/rule-service.js';
import { subjectLabel } from '../engine/labels.js';
import { renderSpecText } from '../engine/message.js';
import { PACKAGE_ROOT } from '../input/package-root.js';
import type { Gap } from '../graph/types.js';
import type { LoadedRule, Rule, Severity } from '../engine/types.js';
import type { ReportContext, ReportedResult } from './model.js';
import { byCodeUnits } from '../text/order.js';
import { citedAt } from './sarif-citations.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://infra-audit.dev';
/** GitHub's limits on rule metadata. */
const MAX_DESCRIPTION = 1024;
const MAX_TAGS = 20;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const PROBLEM_SEVERITY: Record<Severity, 'error' | 'warning' | 'recommendation'> = {
  critical: 'error', high: 'error', medium: 'warning', low: 'recommendation', info: 'recommendation',
};
// GitHub buckets these: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. Must be a string.
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

interface PhysicalLocation {
  artifactLocation: { uri: string };
  region: { startLine: number; endLine?: number; startColumn?: number };
}

export function renderSarif(ctx: ReportContext): string {
  return sarifDocument([sarifRun(ctx)]);
}

/** A SARIF log of these runs (the merged multi-account report writes one run per account). */
export const sarifDocument = (runs: unknown[]): string => JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs }, null, 2) + '\n';

/** The run of one account's audit: its rules, failures, and errors and read gaps as notifications. */
export function sarifRun(ctx: ReportContext) {
  const { report } = ctx;
  const rules = [...ctx.rules.values()].sort((a, b) => byCodeUnits(a.rule.id, b.rule.id));
  const ruleIndex = new Map(rules.map((l, i) => [l.rule.id, i]));
  // Only failures are alerts; passes would be noise and errors are not findings about the account.
  const findings = report.results
    .filter((r) => r.status === 'fail')
    .sort((a, b) => (ruleIndex.get(a.ruleId) ?? -1) - (ruleIndex.get(b.ruleId) ?? -1) || byCodeUnits(a.resource.id, b.resource.id));
  const fingerprints = fingerprintAll(findings, report.account);

  const run = {
    tool: {
      driver: {
        name: report.tool.name || 'infra-audit',
        semanticVersion: report.tool.version,
        informationUri: INFORMATION_URI,
        rules: rules.map((l) => ruleDescriptor(l, ctx)),
      },
    },
    automationDetails: { id: automationId(ctx) },
    invocations: [
      {
        executionSuccessful: report.complete,
        toolExecutionNotifications: [
          ...report.results.filter((r) => r.status === 'error').map((r) => errorNotification(r, ruleIndex)),
          ...report.gaps.map(gapNotification),
        ],
      },
    ],
    results: findings.map((r, i) => sarifResult(r, ctx, ruleIndex, fingerprints[i]!)),
    properties: {
      application: report.spec.application,
      spec: artifactUri(report.spec.file, ctx.baseDir),
      ...(report.spec.bundled && { bundledSpec: report.spec.bundled }),
      ...(report.scope && { scope: report.scope }),
      account: report.account,
      regions: report.regions,
      snapshot: report.snapshot,
      complete: report.complete,
      summary: report.summary,
    },
  };
  return run;
}

function ruleDescriptor(loaded: LoadedRule, ctx: ReportContext) {
  const { rule } = loaded;
  const document = typeof ctx.spec.value.document === 'string' ? ` (${ctx.spec.value.document})` : '';
  const claims = rule.claims.join(', ');
  const ruleFile = artifactUri(resolve(PACKAGE_ROOT, loaded.relativeFile), ctx.baseDir);
  // Spec placeholders filled from the audited spec; a forEach rule's {item} stays: one descriptor serves every item.
  const remediation = renderSpecText(rule.remediation, ctx.spec.value);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: renderSpecText(rule.title, ctx.spec.value) },
    fullDescription: { text: truncate(rule.rationale, MAX_DESCRIPTION) },
    help: {
      text: `${rule.rationale}\n\nClaims checked${document}: ${claims}\n\nRemediation: ${remediation}\n\nRule: ${ruleFile}`,
      // Remediations hold placeholders like <cluster>: as raw HTML GitHub would swallow them.
      markdown: `${escapeHtml(rule.rationale)}\n\n**Claims checked**${escapeHtml(document)}: ${claims}\n\n**Remediation:** ${escapeHtml(remediation)}\n\n**Rule:** \`${ruleFile}\``,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: unique(['infra-audit', 'architecture-drift', ruleService(rule), ...rule.claims]).slice(0, MAX_TAGS),
      precision: 'very-high',
      'problem.severity': PROBLEM_SEVERITY[rule.severity],
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

function sarifResult(r: ReportedResult, ctx: ReportContext, ruleIndex: Map<string, number>, fingerprint: string) {
  const index = ruleIndex.get(r.ruleId);
  const specLocation = anchor(r, ctx);
  // A cited value's finding is shown on the document's line; the spec's line stays one click away.
  const cited = citedAt(ctx.spec, ctx.citations, r.specPointer);
  return {
    ruleId: r.ruleId,
    ...(index !== undefined && { ruleIndex: index }),
    level: LEVEL[r.severity],
    message: { text: r.message || ctx.rules.get(r.ruleId)?.rule.title || r.ruleId },
    locations: [
      {
        physicalLocation: cited
          ? { artifactLocation: { uri: artifactUri(cited.file, ctx.baseDir) }, region: { startLine: cited.line, startColumn: cited.column } }
          : specLocation,
        // The ARN, which GitHub cannot link but a person can paste into the console.
        logicalLocations: [{ fullyQualifiedName: r.resource.id, kind: 'resource', name: subjectLabel(r) }],
      },
    ],
    ...(cited && { relatedLocations: [{ id: 1, physicalLocation: specLocation, message: { text: `The spec value ${r.specPointer}, which cites ${JSON.stringify(cited.quote)}` } }] }),
    partialFingerprints: { primaryLocationLineHash: fingerprint },
    ...(r.suppression && {
      suppressions: [
        { kind: 'external', status: 'accepted', justification: r.suppression.reason, properties: { owner: r.suppression.owner, expires: r.suppression.expires } },
      ],
    }),
    properties: {
      resourceType: r.resource.type,
      region: r.resource.region,
      account: ctx.report.account,
      expected: r.expected,
      actual: r.actual,
      claims: r.claims,
      specPointer: r.specPointer,
    },
  };
}

/**
 * Where GitHub shows a finding: the spec value the resource contradicts when the rule compared against
 * one, else the part of the rule file that decided (expect / aggregate / select / composite).
 */
function anchor(r: ReportedResult, ctx: ReportContext): PhysicalLocation {
  const loaded = ctx.rules.get(r.ruleId);
  if (r.specPointer || !loaded) {
    const pointer = r.specPointer ?? '';
    // The file that wrote the value: with `extends`, the overlay that set it or the base it came from.
    return { artifactLocation: { uri: artifactUri(ctx.spec.source.fileAt(pointer), ctx.baseDir) }, region: ctx.spec.source.lines(pointer) };
  }
  return {
    artifactLocation: { uri: artifactUri(resolve(PACKAGE_ROOT, loaded.relativeFile), ctx.baseDir) },
    region: { startLine: loaded.lineOf(rulePointer(loaded.rule, r)) },
  };
}

function rulePointer(rule: Rule, r: ReportedResult): string {
  // "No in-scope resource found" is the selection's fault, not the expectation's.
  if (r.check?.kind === 'selected' && rule.select) return '/select';
  if (rule.expect) return '/expect';
  if (rule.aggregate) return '/aggregate';
  if (rule.composite) return '/composite';
  if (rule.cost) return '/cost';
  return rule.select ? '/select' : '';
}

/** A repository-relative URI: POSIX separators, no leading ./, each segment percent-encoded. */
export function artifactUri(file: string, baseDir: string): string {
  const absolute = resolve(file);
  let rel = relative(resolve(baseDir), absolute);
  // Outside the repository (e.g. the bundled spec of a global install): the package-relative path is
  // still a relative URI, which GitHub accepts; it just cannot link it.
  if (rel.startsWith('..') || isAbsolute(rel)) {
    const inPackage = relative(PACKAGE_ROOT, absolute);
    if (!inPackage.startsWith('..') && !isAbsolute(inPackage)) rel = inPackage;
  }
  return rel.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
}

/**
 * sha256 of (rule id, resource id without a task-definition revision, account, region): never the
 * message, values or line numbers, so a resource whose settings change keeps its alert. A `:n`
 * occurrence suffix (GitHub's own style) keeps fingerprints unique when two results share a key,
 * e.g. two revisions of one task-definition family in the same snapshot.
 */
export function fingerprintAll(results: ReportedResult[], account: string): string[] {
  const seen = new Map<string, number>();
  return results.map((r) => {
    const hash = fingerprintKey(r.ruleId, r.resource.id, account, r.resource.region);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}

export function fingerprintKey(ruleId: string, resourceId: string, account: string, region: string): string {
  const key = JSON.stringify([ruleId, stableResourceId(resourceId), account, region]);
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** A deploy registers a new task-definition revision: `task-definition/family:42` (and its containers) -> family. */
export function stableResourceId(id: string): string {
  return id.replace(/(:task-definition\/[^:/#]+):\d+(?=[#/]|$)/, '$1');
}

/** `category/run-id`: GitHub treats everything before the last "/" as the category. */
function automationId(ctx: ReportContext): string {
  const { report } = ctx;
  const category = (ctx.category ?? `infra-audit/${report.account}/${report.regions.join('+')}`).replace(/\/+$/, '');
  const runId = report.snapshot.startedAt.replace(/\.\d+/, '').replace(/[-:]/g, '');
  return `${category}/${runId}`;
}

function errorNotification(r: ReportedResult, ruleIndex: Map<string, number>) {
  const index = ruleIndex.get(r.ruleId);
  return {
    level: 'error',
    message: { text: r.message || `${r.ruleId}: ${r.reason ?? 'could not be evaluated'}` },
    associatedRule: { id: r.ruleId, ...(index !== undefined && { index }) },
    properties: { resource: r.resource.id, resourceType: r.resource.type, region: r.resource.region, reason: r.reason },
  };
}

function gapNotification(g: Gap) {
  return {
    level: 'error',
    message: { text: `could not read ${g.service}:${g.operation} in ${g.region} (${g.code}): ${g.message}` },
    properties: { service: g.service, operation: g.operation, region: g.region, code: g.code, resourceTypes: g.resourceTypes },
  };
}

const pascalCase = (id: string) => id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unique = (xs: string[]) => [...new Set(xs)];

/** At most `max` UTF-16 units, never splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return text.slice(0, cut) + '…';
}
