// `npm run depcheck` (part of `npm test`) enforces .dependency-cruiser.cjs on src/. This proves each rule
// can fail: a fixture tree breaks every one of them and dependency-cruiser must name each break.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = fileURLToPath(new URL('fixtures/dependency-rules/', import.meta.url));
const depcruise = fileURLToPath(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));

test('every dependency rule rejects a tree that breaks it', () => {
  const run = spawnSync(process.execPath, [depcruise, 'src', '--config', `${root}.dependency-cruiser.cjs`, '--output-type', 'json'], { cwd: fixture, encoding: 'utf8' });
  const { summary } = JSON.parse(run.stdout) as { summary: { error: number; violations: { rule: { name: string }; from: string; to: string }[] } };
  expect(summary.error).toBe(7);
  const broken = summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to.replace(/^.*node_modules\/(@aws-sdk\/[^/]+).*$/, '$1')}`).sort();
  expect(broken).toEqual([
    'commands-are-leaves: src/cli/check.js -> src/cli/spec.js',
    'commands-load-lazily: src/cli/commands.js -> src/cli/check.js',
    'declarations-only-at-build: src/engine/c.js -> src/resources/ec2.js',
    'no-circular: src/engine/a.js -> src/engine/b.js',
    'no-src-to-test: src/cli/spec.js -> test/helper.js',
    'sdk-only-in-collect: src/cli/check.js -> @aws-sdk/client-sts',
    'text-is-a-leaf: src/text/order.js -> src/engine/b.js',
  ]);
});
