// --role-arn / --external-id over the wire: the role is assumed once, with the given external id and
// the caller's own credentials, and every client of every region then signs with the role's keys.
import { afterAll, describe, expect, it } from 'vitest';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ClientFactory } from '../../src/collect/clients.js';
import { AwsLoopbackServer } from './aws-server.js';

const ROLE = 'arn:aws:iam::123456789012:role/infra-audit-readonly';
const servers: AwsLoopbackServer[] = [];
const factories: ClientFactory[] = [];
afterAll(async () => {
  factories.forEach((f) => f.destroy());
  await Promise.all(servers.map((s) => s.close()));
});

describe('assuming an audit role', () => {
  it('assumes it once with the external id and signs every call with the temporary keys', async () => {
    const server = await AwsLoopbackServer.start();
    servers.push(server);
    server
      .on('sts:AssumeRole', {
        ok: {
          Credentials: {
            AccessKeyId: 'ASIAROLETEMPORARY',
            SecretAccessKey: 'role-secret',
            SessionToken: 'role-session-token',
            Expiration: new Date(Date.now() + 3600_000).toISOString(),
          },
          AssumedRoleUser: { Arn: `arn:aws:sts::123456789012:assumed-role/infra-audit-readonly/infra-audit`, AssumedRoleId: 'AROA:infra-audit' },
        },
      })
      .on('sts:GetCallerIdentity', { ok: { Arn: 'arn:aws:sts::123456789012:assumed-role/infra-audit-readonly/infra-audit', UserId: 'AROA:infra-audit', Account: '123456789012' } })
      .on('ecs:ListClusters', { ok: { clusterArns: [] } });
    const factory = new ClientFactory({
      endpoint: server.endpoint,
      credentials: { accessKeyId: 'AKIACALLER', secretAccessKey: 'caller-secret' },
      roleArn: ROLE,
      externalId: 'nightly-audit',
      maxAttempts: 1,
    });
    factories.push(factory);

    await factory.get(STSClient, 'us-east-1').send(new GetCallerIdentityCommand({}));
    await factory.get(ECSClient, 'us-east-1').send(new ListClustersCommand({}));
    await factory.get(ECSClient, 'eu-west-1').send(new ListClustersCommand({}));

    const assumed = server.requestsFor('sts:AssumeRole');
    expect(assumed).toHaveLength(1);
    expect(assumed[0]!.params).toMatchObject({ RoleArn: ROLE, ExternalId: 'nightly-audit', RoleSessionName: 'infra-audit' });
    expect(assumed[0]!.accessKeyId).toBe('AKIACALLER');
    const others = server.requests.filter((r) => r.operation !== 'AssumeRole');
    expect(others).toHaveLength(3);
    expect(others.map((r) => r.accessKeyId)).toEqual(['ASIAROLETEMPORARY', 'ASIAROLETEMPORARY', 'ASIAROLETEMPORARY']);
  });

  it('a role that cannot be assumed fails the first call, naming the STS error', async () => {
    const server = await AwsLoopbackServer.start();
    servers.push(server);
    server.on('sts:AssumeRole', { error: 'AccessDenied', message: 'not authorized to perform sts:AssumeRole' });
    const factory = new ClientFactory({ endpoint: server.endpoint, credentials: { accessKeyId: 'AKIACALLER', secretAccessKey: 's' }, roleArn: ROLE, maxAttempts: 1 });
    factories.push(factory);
    await expect(factory.get(STSClient, 'us-east-1').send(new GetCallerIdentityCommand({}))).rejects.toThrow(/not authorized to perform sts:AssumeRole/);
    expect(server.requestsFor('sts:GetCallerIdentity')).toHaveLength(0);
  });
});
