// Application Auto Scaling: each service's scalable target (its task range); Ledgerly scales on
// schedules its team runs by hand, so there are no policies.
import type { AutoScalingAnswers } from '../shopflow/application-autoscaling.js';
import { CREATED, hex } from '../recording.js';
import { ACCOUNT, CLUSTER, REGION, SERVICES } from './names.js';

export const autoscalingAnswers: AutoScalingAnswers = {
  scalableTargets: SERVICES.map((s) => ({
    ServiceNamespace: 'ecs', ResourceId: `service/${CLUSTER}/ledgerly-${s.name}`, ScalableDimension: 'ecs:service:DesiredCount',
    MinCapacity: s.min, MaxCapacity: s.max,
    RoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`,
    CreationTime: CREATED, SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
    ScalableTargetARN: `arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/${hex(`target ${s.name}`, 36)}`,
  })),
  scalingPolicies: [],
};
