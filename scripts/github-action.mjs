#!/usr/bin/env node
// The GitHub Action's audit step (action.yml runs it; test/github/action-run.test.ts runs it too).
// Turns the action's inputs (INPUT_* variables, set in action.yml's `env:` so no input is pasted
// into a shell) into one infra-audit run, appends the Markdown summary to the step summary once,
// and tells the later steps through $GITHUB_OUTPUT whether the audit was complete: only then may
// they upload SARIF (an upload that lacks an alert closes it) or keep the snapshot as a baseline.
// It exits 0 whatever the audit found, so those steps can run; the action's last step fails the job.
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/infra-audit.js', import.meta.url));
const env = process.env;
const input = (name) => (env[`INPUT_${name}`] ?? '').trim();

const outDir = resolve(input('OUTPUT_DIR') || 'infra-audit-results');
const files = {
  report: join(outDir, 'report.json'),
  sarif: join(outDir, 'infra-audit.sarif'),
  summary: join(outDir, 'summary.md'),
  snapshot: input('SNAPSHOT') ? resolve(input('SNAPSHOT')) : join(outDir, 'snapshot.json'),
};
const baselineDir = input('BASELINE_DIR');
const baselineFile = baselineDir ? join(resolve(baselineDir), 'snapshot.json') : '';

/** Regions may be given on separate lines, or separated by commas or spaces. */
const regions = input('REGIONS').split(/[\s,]+/).filter(Boolean);
const previous = input('PREVIOUS') || baselineFile;

const args = input('SNAPSHOT') ? ['check', '--snapshot', files.snapshot] : ['scan', '--output', files.snapshot];
args.push('--json', files.report, '--markdown', files.summary, '--sarif', files.sarif);
const flags = { spec: 'SPEC', rules: 'RULES', category: 'CATEGORY', 'fail-on': 'FAIL_ON', suppressions: 'SUPPRESSIONS', 'role-arn': 'ROLE_ARN', 'external-id': 'EXTERNAL_ID' };
for (const [flag, name] of Object.entries(flags)) if (input(name)) args.push(`--${flag}`, input(name));
for (const region of regions) args.push('--region', region);
if (previous && existsSync(previous)) args.push('--previous', previous);
else if (previous) console.log(`::notice::infra-audit: no previous snapshot at ${previous} (first run?): the summary has no drift section.`);

/** Runs the CLI with the job's log as its stdout and stderr; resolves to its exit code. */
function runCli() {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'inherit', env });
    child.on('error', () => done(70));
    child.on('exit', (status) => done(status ?? 70)); // killed by a signal: no verdict, like a crash
  });
}

mkdirSync(outDir, { recursive: true });
// A file left by an earlier run (a self-hosted runner keeps its workspace) must not pass for this
// run's: what this run writes is removed first, and only if it is a regular file.
for (const file of [files.report, files.sarif, files.summary, ...(input('SNAPSHOT') ? [] : [files.snapshot])]) {
  if (existsSync(file) && lstatSync(file).isFile()) rmSync(file);
}
/** Inputs the CLI would misread: without a spec it would audit against the bundled example's. */
function refusal() {
  if (!input('SPEC')) return 'the spec input is required';
  const aws = ['REGIONS', 'ROLE_ARN', 'EXTERNAL_ID'].filter((name) => input(name));
  if (input('SNAPSHOT') && aws.length) return `${aws.map((n) => n.toLowerCase().replace('_', '-')).join(', ')} read AWS; they don't go with snapshot`;
  return '';
}
const refused = refusal();
if (refused) console.log(`::error::infra-audit: ${refused}`);
else console.log(`infra-audit ${args.map((a, i) => (args[i - 1] === '--external-id' ? '***' : a)).join(' ')}`);
const code = refused ? 2 : await runCli();

const complete = code === 0 || code === 1;
const keepBaseline = complete && baselineFile !== '' && existsSync(files.snapshot);
if (keepBaseline) {
  mkdirSync(dirname(baselineFile), { recursive: true });
  copyFileSync(files.snapshot, baselineFile);
}
// The summary already holds the drift section (--previous): appended once, never a second diff.
if (env.GITHUB_STEP_SUMMARY) {
  const summary = existsSync(files.summary)
    ? readFileSync(files.summary, 'utf8')
    : `### infra-audit\n\nThe audit did not run to the end (exit ${code}): see the job log.\n`;
  appendFileSync(env.GITHUB_STEP_SUMMARY, summary.endsWith('\n') ? summary : `${summary}\n`);
}
const outputs = {
  'exit-code': String(code),
  complete: String(complete),
  report: existsSync(files.report) ? files.report : '',
  sarif: complete && existsSync(files.sarif) ? files.sarif : '',
  summary: existsSync(files.summary) ? files.summary : '',
  snapshot: existsSync(files.snapshot) ? files.snapshot : '',
  baseline: keepBaseline ? baselineFile : '',
};
// One `name=value` line each: a path with a line break could forge another output, so none passes.
const lines = Object.entries(outputs).map(([name, value]) => {
  if (/[\r\n]/.test(value)) throw new Error(`infra-audit action: output ${name} contains a line break`);
  return `${name}=${value}\n`;
});
if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, lines.join(''));
else process.stdout.write(lines.join(''));
