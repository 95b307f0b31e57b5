// ECS: clusters, services, task definitions and their containers. Environment *values* are never
// stored: names only (except the spec's declared non-secret names).
import { Arn, Bool, Count, Int, List, Name, NullableArn, NullableInt, NullableStr, Obj, Port, Str, StringList, StringMap, SubnetIdList } from './shapes.js';
import { defineService } from './define.js';

export const ecs = defineService({
  service: 'ecs',
  iamPrefix: 'ecs',
  global: false,
  types: {
    'ecs.cluster': {
      doc: 'ECS cluster',
      props: Obj({ clusterName: Name(), status: Str(), capacityProviders: StringList() }),
    },
    'ecs.service': {
      doc: 'ECS service',
      props: Obj({
        serviceName: Name(),
        clusterArn: Arn(),
        status: Str(),
        launchType: NullableStr('FARGATE, EC2, EXTERNAL; null when a capacity provider strategy is used.'),
        capacityProviders: StringList("The service's capacity provider strategy, by provider name."),
        usesFargate: Bool('Derived: launch type FARGATE, or every capacity provider is FARGATE or FARGATE_SPOT.'),
        desiredCount: Count(),
        runningCount: Count(),
        taskDefinitionArn: Str("The task definition's ARN; empty for an EXTERNAL-controller service without a primary task set."),
        deploymentController: Str('ECS (rolling), CODE_DEPLOY (blue/green) or EXTERNAL.'),
        subnetIds: SubnetIdList('awsvpc network configuration subnets.'),
        securityGroupIds: StringList(),
        assignPublicIp: Bool(),
        loadBalancers: List(
          Obj({
            targetGroupArn: NullableArn('Null for a Classic Load Balancer registration.'),
            containerName: Str(),
            containerPort: Port(),
          }),
        ),
      }),
    },
    'ecs.task-definition': {
      doc: 'ECS task definition',
      props: Obj({
        family: Name(),
        revision: Int(undefined, 1),
        networkMode: Str(),
        requiresCompatibilities: StringList(),
        cpu: NullableInt('Task-level CPU units as a number (512 = 0.5 vCPU); null when not set at task level.'),
        memory: NullableInt('Task-level memory in MiB as a number; null when not set at task level.'),
        containerNames: StringList(),
      }),
    },
    'ecs.container': {
      doc: 'container of an ECS task definition',
      props: Obj(
        {
          name: Name(),
          image: Name(),
          imageRepository: Str('Derived from image: the repository without registry host (shopflow/api).'),
          imageTag: NullableStr('Derived from image: the tag; null for an image pinned by digest.'),
          essential: Bool(),
          portMappings: List(Obj({ containerPort: Port(), protocol: Str('tcp or udp.') })),
          environmentNames: StringList('Names of the plain environment variables.'),
          credentialLikeEnvironmentNames: StringList('Derived: names of environment variables whose value looks like a credential (the value itself is dropped).'),
          environmentValues: StringMap('Plain values, only for names the spec declares non-secret, and never credential-like ones.'),
          secretNames: StringList('Names of the variables injected from Secrets Manager or SSM Parameter Store.'),
          secrets: List(Obj({ name: Str(), valueFrom: Str("The secret's or parameter's ARN (or name): a reference, not the value.") })),
          logDriver: NullableStr(),
          logOptions: StringMap('Log driver options (awslogs-group, awslogs-region, awslogs-stream-prefix, ...).'),
        },
        "One container of a task definition. Environment values are never stored, names only (except the spec's declared non-secret names).",
      ),
    },
  },
  edges: {
    'in-cluster': { scope: 'none', from: ['ecs.service'], to: ['ecs.cluster'], doc: 'ECS service -> its ECS cluster' },
    runs: { scope: 'from-to', from: ['ecs.service'], to: ['ecs.task-definition'], doc: 'ECS service -> the task definition it runs' },
    'in-task-definition': { scope: 'to-from', from: ['ecs.container'], to: ['ecs.task-definition'], doc: 'container -> its task definition' },
    'registered-with': { scope: 'none', from: ['ecs.service'], to: ['elbv2.target-group'], doc: 'ECS service -> a target group its tasks register with' },
  },
});
