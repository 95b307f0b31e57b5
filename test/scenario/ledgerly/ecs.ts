// ECS: Ledgerly's Fargate cluster with its three services, each behind the ALB through its own target
// group, rolling deployments (the ECS controller), tasks in the three private subnets. Every container
// sets NODE_ENV (declared non-secret by the spec); the api and reports containers take DATABASE_URL
// from Secrets Manager, and reports has its queue's URL as a plain value the collector must not keep.
import type { EcsAnswers } from '../shopflow/ecs.js';
import { CLUSTER, DATABASE_URL_SECRET, REGION, SERVICES, TAGS } from './names.js';
import { container, ecsService, ecsTags, fargateTaskDefinition } from '../build.js';
import { subnetsOf } from './ec2.js';
import { targetGroupArn } from './elbv2.js';

const image = (name: string) => `123456789012.dkr.ecr.${REGION}.amazonaws.com/ledgerly/${name}:2.8.0`;
const needsDatabase = (name: string) => name !== 'web';

export const ecsAnswers: EcsAnswers = {
  clusters: [
    {
      clusterArn: `arn:aws:ecs:${REGION}:123456789012:cluster/${CLUSTER}`, clusterName: CLUSTER, status: 'ACTIVE',
      registeredContainerInstancesCount: 0, runningTasksCount: SERVICES.reduce((n, s) => n + s.desired, 0), pendingTasksCount: 0, activeServicesCount: SERVICES.length,
      statistics: [], tags: ecsTags(TAGS), settings: [{ name: 'containerInsights', value: 'enabled' }],
      capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
    },
  ],
  services: SERVICES.map((s) =>
    ecsService({
      region: REGION, cluster: CLUSTER, name: `ledgerly-${s.name}`, taskDefinition: `ledgerly-${s.name}:${s.revision}`, desired: s.desired,
      subnets: subnetsOf('private'), securityGroup: 'sg-0f1a2b3c4d5e6f7a8', targetGroup: { arn: targetGroupArn(s.name), container: s.name, port: s.port },
      deploymentController: 'ECS', tags: TAGS,
    }),
  ),
  taskDefinitions: SERVICES.map((s) => ({
    taskDefinition: fargateTaskDefinition(REGION, `ledgerly-${s.name}`, s.revision, s.cpu, s.memory, [
      container({
        name: s.name, image: image(s.name), port: s.port,
        environment: { NODE_ENV: 'production', ...(s.name === 'reports' && { QUEUE_URL: `https://sqs.${REGION}.amazonaws.com/123456789012/ledgerly-reports` }) },
        secrets: needsDatabase(s.name) ? { DATABASE_URL: DATABASE_URL_SECRET } : {},
        log: { region: REGION, group: `/ecs/ledgerly-${s.name}`, prefix: s.name },
      }),
    ]),
    tags: ecsTags(TAGS),
  })),
};
