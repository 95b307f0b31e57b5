// Application Auto Scaling: scalable targets (ECS service desired counts) and their scaling policies.
import { Count, Enum, Name, NullableInt, NullableNum, NullableStr, Obj, Str, StringList } from './shapes.js';
import { defineService } from './define.js';

export const applicationAutoScaling = defineService({
  service: 'application-autoscaling',
  iamPrefix: 'application-autoscaling',
  global: false,
  types: {
    'application-autoscaling.scalable-target': {
      doc: 'scalable target',
      props: Obj({
        serviceNamespace: Str(),
        resourceId: Str('e.g. service/CLUSTER/SERVICE for ECS.'),
        scalableDimension: Str('e.g. ecs:service:DesiredCount.'),
        minCapacity: Count(),
        maxCapacity: Count(),
      }),
    },
    'application-autoscaling.scaling-policy': {
      doc: 'scaling policy',
      props: Obj({
        policyName: Name(),
        policyType: Str('StepScaling, TargetTrackingScaling or PredictiveScaling.'),
        resourceId: Str(),
        direction: Enum(['out', 'in', 'both'], 'Derived: out when the policy adds capacity, in when it removes it, both for target tracking.'),
        adjustmentType: NullableStr('Step scaling: ChangeInCapacity, PercentChangeInCapacity or ExactCapacity.'),
        scalingAdjustment: NullableNum('Derived: the step adjustment of a step policy (e.g. 2 or -1); null for target tracking.'),
        cooldown: NullableInt('Step scaling cooldown in seconds.'),
        targetValue: NullableNum('Target tracking: the metric value to hold.'),
        predefinedMetricType: NullableStr(),
        scaleOutCooldown: NullableInt('Target tracking, seconds.'),
        scaleInCooldown: NullableInt('Target tracking, seconds.'),
        alarmNames: StringList('CloudWatch alarms that invoke the policy.'),
      }),
    },
  },
  edges: {
    scales: { scope: 'to-from', from: ['application-autoscaling.scalable-target'], to: ['ecs.service'], doc: 'scalable target -> the ECS service it scales' },
    'applies-to': {
      scope: 'to-from',
      from: ['application-autoscaling.scaling-policy'],
      to: ['application-autoscaling.scalable-target'],
      doc: 'scaling policy -> its scalable target',
    },
    'triggered-by': { scope: 'from-to', from: ['application-autoscaling.scaling-policy'], to: ['cloudwatch.alarm'], doc: 'scaling policy -> a CloudWatch alarm that invokes it' },
  },
});
