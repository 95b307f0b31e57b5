// The AWS services a scan calls, as the loopback server meets them on the wire: derived from the
// collectors' declarations and the SDK's models (test/sdk/services.ts), so a new collector's service
// is served without an edit here. The answers themselves come from the scenario (test/scenario/).
import { SDK_SERVICES, sdkServices, type SdkService } from '../sdk/services.js';
import { ORGANIZATIONS_READS } from '../../src/accounts/organization.js';

export type { Protocol } from '../sdk/services.js';

export interface WireService extends SdkService {
  /** awsJson: the X-Amz-Target prefix. Query: the API version. REST-XML: the XML namespace. */
  id: string;
}

/** How a request names its service, by protocol. */
const idOf = (s: SdkService): string => (s.protocol.startsWith('json') ? s.target : s.protocol === 'ec2' || s.protocol === 'query' ? s.version : s.xmlns);

// Organizations is no collector's: the multi-account run discovers member accounts through it (accounts.ts).
export const WIRE_SERVICES: readonly WireService[] = [...SDK_SERVICES, ...(await sdkServices([ORGANIZATIONS_READS]))].map((s) => ({ ...s, id: idOf(s) }));

export const byClient = (client: string): WireService | undefined => WIRE_SERVICES.find((s) => s.client === client);

/** The operation's output schema (the SDK's own model), for rendering answers the SDK will parse. */
export function outputSchema(service: WireService, operation: string): unknown {
  const Command = service.module[`${operation}Command`] as (new (input: object) => { schema: unknown[] }) | undefined;
  if (!Command) throw new Error(`loopback: no ${operation}Command in the ${service.client} client`);
  const output = new Command({}).schema[5];
  return typeof output === 'function' ? (output as () => unknown)() : output;
}
