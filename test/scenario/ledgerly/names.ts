// Ledgerly's names, shared by its scenario files.
import { hex } from '../recording.js';

export const ACCOUNT = '123456789012';
/** Where Ledgerly runs; its documents are replicated to DR_REGION. */
export const REGION = 'us-east-1';
export const DR_REGION = 'us-west-2';
export const TAGS = { app: 'ledgerly' } as const;
export const CLUSTER = 'ledgerly';
/** The three services behind the one ALB: name, container, port, task size, tasks (min, desired, max). */
export const SERVICES = [
  { name: 'web', port: 8080, cpu: 256, memory: 512, revision: 12, min: 2, desired: 2, max: 6 },
  { name: 'api', port: 3000, cpu: 512, memory: 1024, revision: 31, min: 3, desired: 3, max: 12 },
  { name: 'reports', port: 8000, cpu: 1024, memory: 2048, revision: 9, min: 1, desired: 2, max: 4 },
] as const;
export type ServiceName = (typeof SERVICES)[number]['name'];
export const ALB_ARN = `arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/ledgerly-alb/${hex('ledgerly-alb', 16)}`;
export const DATA_KEY_ID = '6a2d9c4e-1f3b-4e7a-9c5d-8b0e2f4a6c1d';
export const DATA_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${DATA_KEY_ID}`;
export const DATABASE_URL_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:ledgerly/prod/database-url-Hq2vLm`;
