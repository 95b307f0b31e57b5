import { describe, expect, it } from 'vitest';
import { coverageOf, plannedCells } from '../../src/accounts/coverage.js';
import type { Gap } from '../../src/graph/types.js';

const gap = (service: string, region: string, code: string): Gap => ({ service, region, code, operation: 'X', message: '', resourceTypes: [] });
const collectors = [{ service: 'ec2' }, { service: 'cloudfront', global: true }, { service: 'acm', alsoGlobalRegion: true }];

describe('the coverage matrix', () => {
  it('plans every region of each collector, global services once', () => {
    expect(plannedCells(collectors, ['eu-west-1'])).toEqual([
      { region: 'eu-west-1', service: 'acm' }, { region: 'eu-west-1', service: 'ec2' },
      { region: 'global', service: 'cloudfront' }, { region: 'us-east-1', service: 'acm' },
    ]);
  });

  it('read, denied when every failure was a denial, failed otherwise; a gap outside the plan still shows', () => {
    const planned = plannedCells(collectors, ['eu-west-1']);
    const cells = coverageOf(planned, [
      gap('ec2', 'eu-west-1', 'UnauthorizedOperation'),
      gap('cloudfront', 'global', 'AccessDenied'), gap('cloudfront', 'global', 'ThrottlingException'),
      gap('acm', 'us-east-1', 'DeadlineExceeded'),
      gap('rds', 'ap-south-1', 'AccessDeniedException'),
    ]);
    expect(cells).toEqual([
      { region: 'ap-south-1', service: 'rds', state: 'denied' },
      { region: 'eu-west-1', service: 'acm', state: 'read' },
      { region: 'eu-west-1', service: 'ec2', state: 'denied' },
      { region: 'global', service: 'cloudfront', state: 'failed' },
      { region: 'us-east-1', service: 'acm', state: 'failed' },
    ]);
  });
});
