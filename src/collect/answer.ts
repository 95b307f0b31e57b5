// Absent is unknown: a 200 answer that lacks what the operation always returns is a failed read, not
// "no resources". The SDK does not complain: an empty 200 body deserializes to `{}` under every
// protocol (EC2 query, awsQuery, awsJson 1.0/1.1, REST-XML), and a proxy's HTML page to `{}` under the
// XML protocols when it happens to parse (awsJson throws a SyntaxError). Neither carries the request id
// header AWS always sends. So every answer is checked here: ClientFactory runs this on every call of
// every client, paginated or not. (Empty lists still arrive as [] under every protocol: `<vpcSet/>`,
// `<DBInstances/>`, `"clusterArns": []`.)
import { readKey } from './read.js';
import { ALL_COLLECTORS } from './registry.js';

/**
 * The output field each operation always carries, by "<Client>:<Operation>" (the client class name
 * without "Client"), from the reads the collectors declare (their `answer`). AWS sends these even when
 * empty (`<vpcSet/>`, `"clusterArns": []`). null: the operation may legitimately answer with nothing
 * (SQS ListQueues omits QueueUrls when there are no queues; a never-versioned bucket's
 * VersioningConfiguration is empty; us-east-1's LocationConstraint is empty): for those only the
 * request id is checked.
 */
export const REQUIRED_OUTPUT: Readonly<Record<string, string | null>> = Object.fromEntries([
  ['STS:GetCallerIdentity', 'Account'],
  ...ALL_COLLECTORS.flatMap((c) => c.reads.map((r) => [readKey(c, r), r.answer] as const)),
]);

/** A 200 answer that is not a real answer: the read failed (a gap), whatever the body held. */
export class IncompleteAnswerError extends Error {
  override name = 'IncompleteAnswer';
}

/** Throws IncompleteAnswerError when a successful answer lacks its request id or its required field. */
export function checkAnswer(operation: string, output: unknown): void {
  const out = (output ?? {}) as Record<string, unknown> & { $metadata?: { requestId?: string; httpStatusCode?: number } };
  if (!out.$metadata?.requestId) {
    throw new IncompleteAnswerError(`${operation}: answer without the request id AWS always sends (a proxy or a non-AWS endpoint answered?)`);
  }
  const field = REQUIRED_OUTPUT[operation];
  if (field && out[field] === undefined) {
    throw new IncompleteAnswerError(`${operation}: answer without ${field}, which AWS always returns (empty or unreadable body)`);
  }
}
