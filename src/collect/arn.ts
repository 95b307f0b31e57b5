// ARNs the collectors can compute from ids, so edges across services need no lookup.

export interface ArnScope { partition: string; region: string; account: string }

export const arn = {
  vpc: (s: ArnScope, id: string) => `arn:${s.partition}:ec2:${s.region}:${s.account}:vpc/${id}`,
  subnet: (s: ArnScope, id: string) => `arn:${s.partition}:ec2:${s.region}:${s.account}:subnet/${id}`,
  routeTable: (s: ArnScope, id: string) => `arn:${s.partition}:ec2:${s.region}:${s.account}:route-table/${id}`,
  internetGateway: (s: ArnScope, id: string) => `arn:${s.partition}:ec2:${s.region}:${s.account}:internet-gateway/${id}`,
  natGateway: (s: ArnScope, id: string) => `arn:${s.partition}:ec2:${s.region}:${s.account}:natgateway/${id}`,
  dbInstance: (s: ArnScope, id: string) => `arn:${s.partition}:rds:${s.region}:${s.account}:db:${id}`,
  dbCluster: (s: ArnScope, id: string) => `arn:${s.partition}:rds:${s.region}:${s.account}:cluster:${id}`,
  dbSubnetGroup: (s: ArnScope, name: string) => `arn:${s.partition}:rds:${s.region}:${s.account}:subgrp:${name}`,
  cacheSubnetGroup: (s: ArnScope, name: string) => `arn:${s.partition}:elasticache:${s.region}:${s.account}:subnetgroup:${name}`,
  ecsService: (s: ArnScope, cluster: string, name: string) => `arn:${s.partition}:ecs:${s.region}:${s.account}:service/${cluster}/${name}`,
  s3Bucket: (s: Pick<ArnScope, 'partition'>, name: string) => `arn:${s.partition}:s3:::${name}`,
  cloudwatchAlarm: (s: ArnScope, name: string) => `arn:${s.partition}:cloudwatch:${s.region}:${s.account}:alarm:${name}`,
};
