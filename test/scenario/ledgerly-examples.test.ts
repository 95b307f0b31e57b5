// The second bundled architecture (docs/examples/ledgerly.md): its spec is a valid v2 spec over two
// regions, and its example snapshots are what `infra-audit collect` writes for its scenario (`npm run
// examples` rewrites them; this test fails while a committed one is stale).
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson } from '../../src/input/json-source.js';
import { assertValid } from '../../src/input/schemas.js';
import { specRegions } from '../../src/engine/spec-regions.js';
import { ROOT, collectAccount } from './examples.js';
import { LEDGERLY_VARIANTS, ledgerlyExampleFile, patchedLedgerly, type LedgerlyVariant } from './ledgerly-patches.js';

const SPEC_FILE = join(ROOT, 'specs/ledgerly.json');
const COLLECT = ['--spec', 'ledgerly'];

describe('specs/ledgerly.json', () => {
  const text = readFileSync(SPEC_FILE, 'utf8');

  test('is a valid specVersion 2 spec', () => {
    expect(() => assertValid('specV2', parseJson(SPEC_FILE, text))).not.toThrow();
  });

  test('has no cache and no edge: those rules have nothing to audit', () => {
    const spec = JSON.parse(text);
    expect(spec.caches).toBeUndefined();
    expect(spec.edge).toBeUndefined();
  });

  test('spans two regions: a scan without --region reads us-east-1 and the replica bucket\'s us-west-2', () => {
    expect(specRegions(JSON.parse(text))).toEqual(['us-east-1', 'us-west-2']);
  });
});

describe.each(Object.keys(LEDGERLY_VARIANTS) as LedgerlyVariant[])('examples/ledgerly-%s.snapshot.json', (variant) => {
  test('is what `infra-audit collect` writes for the scenario (stale? run npm run examples)', async () => {
    const collected = await collectAccount(patchedLedgerly(LEDGERLY_VARIANTS[variant]), COLLECT);
    expect(collected.code, collected.stderr).toBe(0);
    const snapshot = JSON.parse(collected.text);
    // Both regions were read, and each holds its own resources.
    expect(snapshot.meta.regions).toEqual(['us-east-1', 'us-west-2']);
    expect(snapshot.nodes.filter((n: { region: string }) => n.region === 'us-west-2').map((n: { name: string }) => n.name)).toEqual(['ledgerly-documents-replica-123456789012']);
    // A plain environment value the spec does not declare (the reports queue's URL) is never kept: its name is.
    const reports = snapshot.nodes.find((n: { type: string; name: string }) => n.type === 'ecs.container' && n.name === 'reports');
    expect(reports.props.environmentNames).toEqual(['NODE_ENV', 'QUEUE_URL']);
    expect(reports.props.environmentValues).toEqual({ NODE_ENV: 'production' });
    await expect(collected.text).toMatchFileSnapshot(join(ROOT, ledgerlyExampleFile(variant)), `${ledgerlyExampleFile(variant)} is stale: run npm run examples`);
  });
});
