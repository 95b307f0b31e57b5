// A scan without --region reads every region the spec's items are in, not only the spec's `region`.
import { describe, expect, test } from 'vitest';
import { specRegions } from '../../src/engine/spec-regions.js';

const base = { specVersion: 2, application: 'ledgerly', region: 'us-east-1', scope: { tags: { app: 'ledgerly' } } };

describe('specRegions', () => {
  test("the spec's region alone when no item names another", () => {
    expect(specRegions({ ...base, services: { api: { fargate: true } }, buckets: { docs: { region: 'us-east-1' } } })).toEqual(['us-east-1']);
  });

  test("the spec's region first, then each item's own region once, in the spec's order", () => {
    const spec = {
      ...base,
      buckets: { docs: {}, replica: { region: 'us-west-2' }, archive: { region: 'eu-west-1' } },
      databases: { dr: { kind: 'aurora-cluster', region: 'us-west-2' } },
    };
    expect(specRegions(spec)).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
  });

  test('a region deeper than an item (a container\'s log region) is not an item\'s region', () => {
    const spec = { ...base, services: { api: { taskDefinition: { family: 'api', container: { name: 'api', logging: { region: 'eu-west-1' } } } } } };
    expect(specRegions(spec)).toEqual(['us-east-1']);
  });

  test('a v1 spec (fixed sections, no items) is its one region', () => {
    expect(specRegions({ region: 'us-east-1', database: { multiAz: true }, compute: { service: { name: 'x' } }, dr: { crossRegion: { mode: 'passive' } } })).toEqual(['us-east-1']);
  });
});
