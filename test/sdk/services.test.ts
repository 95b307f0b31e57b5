// Every collector is covered by the test doubles without a table to edit: its declaration (sdkClient,
// sdkPackage, reads) alone yields the mocked client and commands (test/e2e/mock-aws.ts), the loopback
// server's service and routes (test/loopback/services.ts), and the fault matrix's cases.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readClient } from '../../src/collect/read.js';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import { SERVICES } from '../e2e/mock-aws.js';
import { WIRE_SERVICES } from '../loopback/services.js';
import { IDENTITY, SDK_SERVICES, httpBinding, sdkServices } from './services.js';

const source = (service: string) => readFileSync(new URL(`../../src/collect/${service}.ts`, import.meta.url), 'utf8');

/** The protocols the loopback server speaks (test/loopback/wire/). */
const SPOKEN = ['ec2', 'query', 'json1.0', 'json1.1', 'rest-xml'];

describe.each(ALL_COLLECTORS.map((c) => ({ service: c.service, collector: c })))('collector $service', ({ collector }) => {
  it('declares the SDK package it imports, and no other (a read on another client declares that one)', () => {
    const imported = [...new Set([...source(collector.service).matchAll(/['"](@aws-sdk\/client-[a-z0-9-]+)['"]/g)].map((m) => m[1]))];
    expect(imported).toEqual([collector.sdkPackage]);
    for (const read of collector.reads.filter((r) => r.sdk)) expect(source('tagging'), read.operation).toContain(`'${read.sdk!.package}'`);
  });

  it('is mocked: its clients and the command of every declared read', () => {
    for (const read of collector.reads) {
      const client = readClient(collector, read);
      const mocked = SERVICES[client];
      expect(mocked, client).toBeDefined();
      expect(mocked!.client.name).toBe(`${client}Client`);
      expect(mocked!.iam).toBe(read.sdk?.iamPrefix ?? collector.iamPrefix);
      expect(mocked!.commands[read.operation]?.name, read.operation).toBe(`${read.operation}Command`);
    }
  });

  it('is served on the wire, in a protocol the loopback server speaks', () => {
    for (const client of new Set(collector.reads.map((r) => readClient(collector, r)))) {
      const wire = WIRE_SERVICES.find((s) => s.client === client);
      expect(wire, client).toBeDefined();
      expect(SPOKEN).toContain(wire!.protocol);
      // How a request names its service: never empty, and no other service's.
      expect(wire!.id).not.toBe('');
      expect(WIRE_SERVICES.filter((s) => s.protocol.startsWith(wire!.protocol.slice(0, 4)) && s.id === wire!.id).map((s) => s.client)).toEqual([client]);
      const reads = collector.reads.filter((r) => readClient(collector, r) === client);
      if (wire!.protocol.startsWith('rest')) for (const read of reads) expect(httpBinding(wire!, read.operation).path, read.operation).toMatch(/^\//);
    }
  });
});

describe('the SDK side derived from a declaration', () => {
  it('covers the identity check and every collector, once per client', () => {
    const clients = new Set(ALL_COLLECTORS.flatMap((c) => c.reads.map((r) => readClient(c, r))));
    expect(SDK_SERVICES.map((s) => s.client).sort()).toEqual([IDENTITY.sdkClient, ...clients].sort());
    // A read on another client's: the tagging API, one client for every collector that reads tags through it.
    expect(SDK_SERVICES.find((s) => s.client === 'ResourceGroupsTaggingAPI')).toMatchObject({ protocol: 'json1.1', target: 'ResourceGroupsTaggingAPI_20170126', iam: 'tag' });
  });

  it('reads the protocol and its ids from the SDK model', () => {
    const by = (client: string) => SDK_SERVICES.find((s) => s.client === client)!;
    expect(by('EC2')).toMatchObject({ protocol: 'ec2', version: '2016-11-15', signing: 'ec2' });
    expect(by('ElasticLoadBalancingV2')).toMatchObject({ protocol: 'query', version: '2015-12-01', signing: 'elasticloadbalancing', iam: 'elasticloadbalancing' });
    expect(by('ECS')).toMatchObject({ protocol: 'json1.1', target: 'AmazonEC2ContainerServiceV20141113', queryCompatible: false });
    expect(by('SQS')).toMatchObject({ protocol: 'json1.0', target: 'AmazonSQS', queryCompatible: true });
    expect(by('Route53')).toMatchObject({ protocol: 'rest-xml', xmlns: 'https://route53.amazonaws.com/doc/2013-04-01/', signing: 'route53' });
    expect(httpBinding(by('Route53'), 'ListResourceRecordSets')).toEqual({ method: 'GET', path: '/2013-04-01/hostedzone/{HostedZoneId}/rrset' });
  });

  it('a new declaration is derived with no table to edit: its client, commands and protocol', async () => {
    const [logs] = await sdkServices([{ sdkClient: 'CloudWatchLogs', sdkPackage: '@aws-sdk/client-cloudwatch-logs', iamPrefix: 'logs', operations: ['DescribeLogGroups', 'DescribeLogStreams'] }]);
    expect(Object.keys(logs!.commands)).toEqual(['DescribeLogGroups', 'DescribeLogStreams']);
    expect(logs).toMatchObject({ client: 'CloudWatchLogs', protocol: 'json1.1', target: 'Logs_20140328', signing: 'logs' });
  });

  it('a declaration the SDK does not match fails loudly, naming what to fix', async () => {
    await expect(sdkServices([{ sdkClient: 'CloudWatch', sdkPackage: '@aws-sdk/client-cloudwatch-logs', iamPrefix: 'logs', operations: [] }]))
      .rejects.toThrow(/no CloudWatchClient .*sdkClient and sdkPackage/);
    await expect(sdkServices([{ sdkClient: 'CloudWatchLogs', sdkPackage: '@aws-sdk/client-cloudwatch-logs', iamPrefix: 'logs', operations: ['DescribeNothing'] }]))
      .rejects.toThrow(/no DescribeNothingCommand/);
  });
});
