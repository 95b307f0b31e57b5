// A fake CollectContext for collector tests: real SDK clients (their `send` is mocked by
// aws-sdk-client-mock), no concurrency limit, a fixed clock.
import type { CollectContext } from '../../src/collect/types.js';

export const ACCOUNT = '123456789012';

export function fakeContext(region = 'us-east-1'): CollectContext {
  return {
    region,
    account: ACCOUNT,
    partition: 'aws',
    startedAt: new Date('2025-01-01T00:00:00Z'),
    client: (ctor) => new ctor({ region, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    limit: (fn) => fn(),
    options: { keepEnvironmentValues: ['NODE_ENV'] },
  };
}

/** An SDK-style error: collectors and toGap read its `name`. */
export function awsError(name: string, message = `${name} (test)`): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

export const accessDenied = () => awsError('AccessDeniedException', 'User is not authorized to perform this action');
export const throttled = () => awsError('ThrottlingException', 'Rate exceeded');
