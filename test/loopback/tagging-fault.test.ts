// tag:GetResources failing on the wire (a 500, a proxy's HTML page, throttling past the retries) in a
// full `scan` of the ShopFlow account: every bucket and queue is still in the snapshot, with a gap
// naming the read; ShopFlow's scope chooses by tags, so every rule on buckets and queues errors, while
// a rule that only follows an edge to a bucket (CloudFront's static origin) still judges.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Fault } from './faults.js';
import { shopflowServer } from './harness.js';
import { ROOT, scanOnWire, type WireScan } from './scan-on-wire.js';
import { loadRules } from '../../src/engine/load-rules.js';
import type { Snapshot } from '../../src/graph/types.js';
import { loadExample } from '../e2e/aws-fixtures.js';

const EXAMPLE = loadExample();
const TAGGED_TYPES = ['s3.bucket', 'sqs.queue'];
const idsOf = (s: Snapshot, type: string) => s.nodes.filter((n) => n.type === type).map((n) => n.id).sort();
const RULES = (await loadRules(join(ROOT, 'rules'))).map((r) => r.rule);
/** Rules that select buckets or queues: with a scope by tags, none can judge. */
const ON_TAGGED = new Set(RULES.filter((r) => r.select && TAGGED_TYPES.includes(r.select.type)).map((r) => r.id));
const workDir = mkdtempSync(join(tmpdir(), 'tagging-fault-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const FAULTS: Fault[] = [{ kind: '5xx' }, { kind: 'html200' }, { kind: 'throttle' }];

describe.concurrent('tag:GetResources failing on the wire', () => {
  it.each(FAULTS)('under $kind: nothing is lost, tag-scoped rules error, the rest judge', async (fault) => {
    // On a starved machine the identity read beside the collectors can time out (no account, no
    // snapshot: the run tested nothing), so such a run is repeated, at most twice.
    let scan: WireScan | undefined;
    let snapshotFile = '';
    for (let run = 1; run <= 3; run++) {
      // One file per run: the scan never overwrites a file it did not create.
      snapshotFile = join(workDir, `${fault.kind}-${run}.json`);
      const server = await shopflowServer();
      try {
        server.fault('ResourceGroupsTaggingAPI:GetResources', fault);
        scan = await scanOnWire(server, { timeoutSeconds: 60, snapshotFile });
        expect(server.requestsFor('ResourceGroupsTaggingAPI:GetResources').length).toBeGreaterThan(0);
      } finally {
        await server.close();
      }
      if (!/cannot identify the account/.test(scan!.stderr)) break;
    }
    if (!scan) throw new Error('no scan ran');
    const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot;

    for (const type of TAGGED_TYPES) {
      expect(idsOf(snapshot, type), type).toEqual(idsOf(EXAMPLE, type));
      expect(idsOf(snapshot, type).length, type).toBeGreaterThan(0);
    }
    expect(snapshot.gaps.map((g) => `${g.service}:${g.operation} ${g.resourceTypes.join(',')}`).sort(), scan.stderr).toEqual(['s3:GetResources s3.bucket', 'sqs:GetResources sqs.queue']);

    // Judged is wrong; a skip (the spec does not ask for the check) reads no resource.
    const judged = scan.results.filter((r) => ON_TAGGED.has(r.ruleId) && (r.status === 'pass' || r.status === 'fail'));
    expect(judged.map((r) => `${r.ruleId} ${r.status}`)).toEqual([]);
    const errored = scan.results.filter((x) => ON_TAGGED.has(x.ruleId) && x.status === 'error');
    expect(errored.length).toBeGreaterThan(3);
    for (const r of errored) expect(r.reason).toMatch(/:GetResources in us-east-1/);
    // Follows an edge to a bucket without reading its tags or its scope: judged as without the fault.
    const origin = scan.results.filter((r) => r.ruleId === 'cloudfront-static-origin');
    expect(origin.length).toBeGreaterThan(0);
    expect(origin.filter((r) => r.status === 'error').map((r) => r.reason)).toEqual([]);
    expect(scan.code, scan.stderr).toBe(3);
  }, 120_000);
});
