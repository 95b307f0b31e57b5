// Which regions a collector reads: the scan's, us-east-1 only for a global service, and the scan's plus
// us-east-1 for a regional service that CloudFront takes resources from (ACM certificates).
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ClientFactory } from '../../src/collect/clients.js';
import { collectSnapshot } from '../../src/collect/index.js';
import { defineCollector } from '../../src/collect/read.js';
import type { CollectorDecl } from '../../src/collect/types.js';

const sts = mockClient(STSClient);
afterEach(() => sts.reset());

async function regionsRead(decl: Partial<CollectorDecl>, regions: string[]): Promise<string[]> {
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/audit' });
  const seen: string[] = [];
  const collector = defineCollector({
    service: 'probe', iamPrefix: 'probe', sdkClient: 'Probe', sdkPackage: '@aws-sdk/client-probe', reads: [], ...decl,
    collect: async (ctx) => {
      seen.push(ctx.region);
      return { nodes: [], edges: [], gaps: [] };
    },
  });
  const clients = new ClientFactory({ credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
  try {
    await collectSnapshot({ regions, clients, collectors: [collector], options: { keepEnvironmentValues: [] } });
  } finally {
    clients.destroy();
  }
  return seen.sort();
}

describe('regions a collector reads', () => {
  it('a regional service reads the scan\'s regions only', async () => {
    expect(await regionsRead({}, ['eu-west-1', 'eu-central-1'])).toEqual(['eu-central-1', 'eu-west-1']);
  });
  it('a global service reads us-east-1 once', async () => {
    expect(await regionsRead({ global: true }, ['eu-west-1', 'eu-central-1'])).toEqual(['us-east-1']);
  });
  it('alsoGlobalRegion adds us-east-1 when the scan lacks it, and never reads it twice', async () => {
    expect(await regionsRead({ alsoGlobalRegion: true }, ['eu-west-1'])).toEqual(['eu-west-1', 'us-east-1']);
    expect(await regionsRead({ alsoGlobalRegion: true }, ['us-east-1', 'eu-west-1'])).toEqual(['eu-west-1', 'us-east-1']);
  });
});
