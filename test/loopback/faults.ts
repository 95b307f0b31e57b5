// Faults the loopback server injects per operation, each as the service really shows it: denial and
// throttling with each protocol's own codes and status, server errors, and the transport failures
// an HTTP client meets (slow, silent, stalled mid-body, cut short, reset, a proxy's empty or HTML 200).
import type { WireService } from './services.js';

export type FaultKind = 'deny' | 'throttle' | '5xx' | 'latency' | 'hang' | 'stall' | 'truncate' | 'reset' | 'empty200' | 'html200';

export type Fault =
  | { kind: 'deny' | 'throttle' | '5xx' | 'hang' | 'stall' | 'truncate' | 'reset' | 'html200' }
  /** An empty 200; `requestId` adds the request id header (a real service's empty body, not a proxy's). */
  | { kind: 'empty200'; requestId?: boolean }
  /** The scenario's answer, after `ms`. */
  | { kind: 'latency'; ms: number };

export const CALLER_ARN = 'arn:aws:sts::123456789012:assumed-role/infra-audit/nightly';

/** What a proxy in front of the endpoint answers when its upstream is down. */
export const PROXY_HTML = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** The error a service answers for deny / throttle / 5xx: its own code and HTTP status. */
export function faultError(service: WireService, operation: string, kind: 'deny' | 'throttle' | '5xx'): { code: string; message: string; status: number } {
  const p = service.protocol;
  const c = service.client;
  if (kind === 'deny') {
    const message = `User: ${CALLER_ARN} is not authorized to perform: ${service.iam}:${operation} because no identity-based policy allows the ${service.iam}:${operation} action`;
    if (p === 'ec2') return { code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.', status: 403 };
    if (p === 'json1.1') return { code: 'AccessDeniedException', message, status: 400 };
    if (c === 'S3') return { code: 'AccessDenied', message: 'Access Denied', status: 403 };
    return { code: 'AccessDenied', message, status: 403 }; // awsQuery, SQS/CloudWatch (query-compatible JSON), Route 53, CloudFront
  }
  if (kind === 'throttle') {
    if (p === 'ec2') return { code: 'RequestLimitExceeded', message: 'Request limit exceeded.', status: 503 };
    if (c === 'S3') return { code: 'SlowDown', message: 'Please reduce your request rate.', status: 503 };
    if (p === 'json1.1' || c === 'SQS') return { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 };
    return { code: 'Throttling', message: 'Rate exceeded', status: 400 };
  }
  if (p === 'ec2' || c === 'S3') return { code: 'InternalError', message: 'We encountered an internal error. Please try again.', status: 500 };
  if (p === 'query') return { code: 'InternalFailure', message: 'The request processing has failed because of an unknown error.', status: 500 };
  if (p === 'rest-xml') return { code: 'ServiceUnavailable', message: 'The service is unavailable.', status: 503 };
  return { code: c === 'ECS' ? 'ServerException' : 'InternalServerException', message: 'Internal failure', status: 500 };
}
