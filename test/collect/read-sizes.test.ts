// Page and batch sizes live in the read declarations (the call budget divides by them); the reader hands
// them to the collector, and a read that declares none cannot be asked for one.
import { describe, expect, it } from 'vitest';
import { reader } from '../../src/collect/read.js';
import type { CollectContext } from '../../src/collect/types.js';

const ctx = { region: 'us-east-1' } as CollectContext;
const read = reader(ctx, {
  service: 'demo',
  reads: [
    { operation: 'ListThings', per: 'region', paged: true, pageSize: 25, answer: 'Things', feeds: { 'sqs.queue': '*' } },
    { operation: 'DescribeThings', per: 'item', paged: false, batch: 7, answer: 'Things', feeds: { 'sqs.queue': '*' } },
  ],
}, []);

describe('declared sizes', () => {
  it('hands the collector the declared page and batch sizes', () => {
    expect(read.pageSize('ListThings')).toBe(25);
    expect(read.batchSize('DescribeThings')).toBe(7);
  });

  it('refuses a size the read does not declare, and a read that is not declared', () => {
    expect(() => read.pageSize('DescribeThings')).toThrow(/DescribeThings declares no pageSize/);
    expect(() => read.batchSize('ListThings')).toThrow(/ListThings declares no batch/);
    expect(() => read.pageSize('ListOthers')).toThrow(/ListOthers is not declared/);
  });
});
