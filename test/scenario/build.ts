// Builders for a scenario account's AWS answers (the SDK's output shapes), so an architecture's
// scenario is its design (names, zones, sizes), not pages of boilerplate. The ShopFlow files predate
// them and spell their answers out; a new architecture's files (test/scenario/ledgerly/) use these.
import type * as EC2 from '@aws-sdk/client-ec2';
import type * as ECS from '@aws-sdk/client-ecs';
import type * as KMS from '@aws-sdk/client-kms';
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type * as SM from '@aws-sdk/client-secrets-manager';
import { CREATED, hex } from './recording.js';

export const ACCOUNT = '123456789012';

/** Tags as EC2, RDS, ELBv2 and S3 answer them. */
export const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
/** Tags as ECS answers them (lowercase keys). */
export const ecsTags = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

/** An id as AWS shapes it (`subnet-0…`), stable for its seed. */
export const awsId = (prefix: string, seed: string) => `${prefix}-0${hex(`${prefix} ${seed}`, 16)}`;

/** A live internet gateway attachment is reported as "available" (outside the SDK's enum). */
const LIVE = 'available' as EC2.AttachmentStatus;

export function vpc(region: string, id: string, cidr: string, tags: Record<string, string>, isDefault = false): EC2.Vpc {
  return {
    OwnerId: ACCOUNT, InstanceTenancy: 'default',
    CidrBlockAssociationSet: [{ AssociationId: awsId('vpc-cidr-assoc', id), CidrBlock: cidr, CidrBlockState: { State: 'associated' } }],
    IsDefault: isDefault, BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    VpcId: id, State: 'available', CidrBlock: cidr, DhcpOptionsId: awsId('dopt', region),
    ...(Object.keys(tags).length && { Tags: tagList(tags) }),
  };
}

export interface SubnetSpec { id: string; vpcId: string; az: string; azId: string; cidr: string; public: boolean; tags: Record<string, string> }

export function subnet(region: string, s: SubnetSpec): EC2.Subnet {
  return {
    AvailabilityZoneId: s.azId, MapCustomerOwnedIpOnLaunch: false, OwnerId: ACCOUNT, AssignIpv6AddressOnCreation: false, Ipv6CidrBlockAssociationSet: [],
    SubnetArn: `arn:aws:ec2:${region}:${ACCOUNT}:subnet/${s.id}`, EnableDns64: false, Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    SubnetId: s.id, State: 'available', VpcId: s.vpcId, CidrBlock: s.cidr, AvailableIpAddressCount: 251, AvailabilityZone: s.az, DefaultForAz: false,
    MapPublicIpOnLaunch: s.public, Tags: tagList(s.tags),
  };
}

/** A route table; `main` makes it the VPC's main table, `subnets` its explicit associations. */
export function routeTable(id: string, vpcId: string, vpcCidr: string, opts: { main?: boolean; subnets?: string[]; internetGateway?: string; natGateway?: string }): EC2.RouteTable {
  const assoc = (subnetId: string | undefined) => ({
    Main: subnetId === undefined, RouteTableAssociationId: awsId('rtbassoc', `${id} ${subnetId ?? 'main'}`), RouteTableId: id,
    ...(subnetId && { SubnetId: subnetId }), AssociationState: { State: 'associated' as const },
  });
  const egress = opts.internetGateway ? { GatewayId: opts.internetGateway } : opts.natGateway ? { NatGatewayId: opts.natGateway } : undefined;
  return {
    Associations: [...(opts.main ? [assoc(undefined)] : []), ...(opts.subnets ?? []).map(assoc)],
    PropagatingVgws: [], RouteTableId: id,
    Routes: [
      { DestinationCidrBlock: vpcCidr, State: 'active', GatewayId: 'local', Origin: 'CreateRouteTable' },
      ...(egress ? [{ DestinationCidrBlock: '0.0.0.0/0', State: 'active' as const, ...egress, Origin: 'CreateRoute' as const }] : []),
    ],
    Tags: [], VpcId: vpcId, OwnerId: ACCOUNT,
  };
}

export function internetGateway(id: string, vpcId: string, tags: Record<string, string>): EC2.InternetGateway {
  return { Attachments: [{ State: LIVE, VpcId: vpcId }], InternetGatewayId: id, OwnerId: ACCOUNT, Tags: tagList(tags) };
}

export function natGateway(id: string, vpcId: string, subnetId: string, privateIp: string): EC2.NatGateway {
  return {
    CreateTime: CREATED,
    NatGatewayAddresses: [{
      AllocationId: awsId('eipalloc', id), NetworkInterfaceId: awsId('eni', id), PrivateIp: privateIp, PublicIp: `44.${parseInt(hex(id, 2), 16)}.${parseInt(hex(`${id}b`, 2), 16)}.9`,
      AssociationId: awsId('eipassoc', id), IsPrimary: true, Status: 'succeeded',
    }],
    NatGatewayId: id, State: 'available', SubnetId: subnetId, VpcId: vpcId, Tags: [], ConnectivityType: 'public', AvailabilityMode: 'zonal',
  };
}

export interface EcsServiceSpec {
  region: string; cluster: string; name: string; taskDefinition: string; desired: number; subnets: string[]; securityGroup: string;
  targetGroup?: { arn: string; container: string; port: number }; deploymentController: ECS.DeploymentControllerType; tags: Record<string, string>;
}

export function ecsService(s: EcsServiceSpec): ECS.Service {
  const clusterArn = `arn:aws:ecs:${s.region}:${ACCOUNT}:cluster/${s.cluster}`;
  const taskDefinition = `arn:aws:ecs:${s.region}:${ACCOUNT}:task-definition/${s.taskDefinition}`;
  const networkConfiguration = { awsvpcConfiguration: { subnets: s.subnets, securityGroups: [s.securityGroup], assignPublicIp: 'DISABLED' as const } };
  return {
    serviceArn: `arn:aws:ecs:${s.region}:${ACCOUNT}:service/${s.cluster}/${s.name}`, serviceName: s.name, clusterArn,
    loadBalancers: s.targetGroup ? [{ targetGroupArn: s.targetGroup.arn, containerName: s.targetGroup.container, containerPort: s.targetGroup.port }] : [],
    serviceRegistries: [], status: 'ACTIVE', desiredCount: s.desired, runningCount: s.desired, pendingCount: 0,
    launchType: 'FARGATE', platformVersion: 'LATEST', platformFamily: 'Linux', taskDefinition,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
    deployments: [{
      id: `ecs-svc/${parseInt(hex(s.name, 12), 16)}`, status: 'PRIMARY', taskDefinition, desiredCount: s.desired, pendingCount: 0, runningCount: s.desired, failedTasks: 0,
      createdAt: CREATED, updatedAt: CREATED, launchType: 'FARGATE', platformVersion: '1.4.0', platformFamily: 'Linux', networkConfiguration,
      rolloutState: 'COMPLETED', rolloutStateReason: 'ECS deployment ecs-svc completed.',
    }],
    roleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
    events: [{ id: hex(`event ${s.name}`, 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'), createdAt: CREATED, message: `(service ${s.name}) has reached a steady state.` }],
    createdAt: CREATED, placementConstraints: [], placementStrategy: [], networkConfiguration,
    ...(s.targetGroup && { healthCheckGracePeriodSeconds: 60 }),
    schedulingStrategy: 'REPLICA', deploymentController: { type: s.deploymentController }, tags: ecsTags(s.tags),
    createdBy: `arn:aws:iam::${ACCOUNT}:role/deploy`, enableECSManagedTags: true, propagateTags: 'SERVICE', enableExecuteCommand: false, availabilityZoneRebalancing: 'ENABLED',
  };
}

export interface ContainerSpec {
  name: string; image: string; port?: number; environment: Record<string, string>; secrets: Record<string, string>;
  log: { region: string; group: string; prefix: string };
}

export function container(c: ContainerSpec): ECS.ContainerDefinition {
  return {
    name: c.name, image: c.image, cpu: 0,
    portMappings: c.port ? [{ containerPort: c.port, hostPort: c.port, protocol: 'tcp' }] : [],
    essential: true,
    environment: Object.entries(c.environment).map(([name, value]) => ({ name, value })),
    mountPoints: [], volumesFrom: [],
    secrets: Object.entries(c.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
    logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': c.log.group, 'awslogs-region': c.log.region, 'awslogs-stream-prefix': c.log.prefix }, secretOptions: [] },
    systemControls: [],
  };
}

export function fargateTaskDefinition(region: string, family: string, revision: number, cpu: number, memory: number, containers: ECS.ContainerDefinition[]): ECS.TaskDefinition {
  return {
    taskDefinitionArn: `arn:aws:ecs:${region}:${ACCOUNT}:task-definition/${family}:${revision}`,
    containerDefinitions: containers, family,
    taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/${family}-task`, executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/${family}-execution`,
    networkMode: 'awsvpc', revision, volumes: [], status: 'ACTIVE',
    requiresAttributes: [
      { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
      { name: 'ecs.capability.execution-role-awslogs' },
      { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.19' },
      { name: 'ecs.capability.task-eni' },
    ],
    placementConstraints: [], compatibilities: ['EC2', 'FARGATE'], requiresCompatibilities: ['FARGATE'],
    cpu: String(cpu), memory: String(memory), registeredAt: CREATED, registeredBy: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/ci`,
  };
}

export function logGroup(region: string, name: string, retentionInDays: number | undefined): Logs.LogGroup {
  return {
    logGroupName: name, creationTime: CREATED.getTime(),
    ...(retentionInDays === undefined ? {} : { retentionInDays }),
    metricFilterCount: 0,
    arn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}:*`, logGroupArn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}`,
    storedBytes: 0, logGroupClass: 'STANDARD',
  };
}

export interface KmsKey { metadata: KMS.KeyMetadata; rotation: boolean }

export function kmsKey(region: string, id: string, manager: 'AWS' | 'CUSTOMER', description: string, rotation: boolean): KmsKey {
  return {
    metadata: {
      AWSAccountId: ACCOUNT, KeyId: id, Arn: `arn:aws:kms:${region}:${ACCOUNT}:key/${id}`, CreationDate: CREATED, Enabled: true, Description: description,
      KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', Origin: 'AWS_KMS', KeyManager: manager,
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT', KeySpec: 'SYMMETRIC_DEFAULT', EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'], MultiRegion: false,
    },
    rotation,
  };
}

export function kmsAlias(region: string, name: string, target: string | undefined): KMS.AliasListEntry {
  return {
    AliasName: `alias/${name}`, AliasArn: `arn:aws:kms:${region}:${ACCOUNT}:alias/${name}`,
    ...(target && { TargetKeyId: target, CreationDate: CREATED, LastUpdatedDate: CREATED }),
  };
}

/** When the scenario's secrets last rotated. */
export const ROTATED = new Date('2026-11-15T03:00:00Z');

export function secret(region: string, name: string, suffix: string, rotation: { days: number; lambda: string } | undefined, tags: Record<string, string>): SM.SecretListEntry {
  return {
    ARN: `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${name}-${suffix}`, Name: name, Description: `${name} (managed by terraform)`,
    ...(rotation === undefined
      ? {}
      : {
          RotationEnabled: true, RotationLambdaARN: `arn:aws:lambda:${region}:${ACCOUNT}:function:${rotation.lambda}`,
          RotationRules: { AutomaticallyAfterDays: rotation.days }, LastRotatedDate: ROTATED, NextRotationDate: new Date(ROTATED.getTime() + rotation.days * 86_400_000),
        }),
    LastChangedDate: ROTATED, LastAccessedDate: new Date('2026-11-20T00:00:00Z'), CreatedDate: CREATED,
    Tags: tagList(tags), SecretVersionsToStages: { 'b1f0c2d4-7e6a-4c1b-9a3e-5d2f8e7c6b1a': ['AWSCURRENT'] },
  };
}
