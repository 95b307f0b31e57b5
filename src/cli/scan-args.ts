// The arguments `collect` and `scan` share (one account or many), apart from the modules that run them.
import type { ClientOptions } from '../collect/clients.js';
import type { Collector } from '../collect/types.js';

export interface CollectArgs {
  region?: string[];
  profile?: string;
  roleArn?: string;
  externalId?: string;
  spec?: string;
  output?: string;
  /** The scan's overall deadline in seconds: reads still outstanding then become gaps (exit 3). */
  timeout?: number;
  /** Tests pass a factory whose clients are mocked; the CLI builds the real one. */
  clientOptions?: ClientOptions;
  /** Tests may read fewer services; the CLI reads them all. */
  collectors?: readonly Collector[];
}

/** A nightly job's budget: a ShopFlow-size account takes well under a minute; throttled big ones, minutes. */
export const DEFAULT_TIMEOUT_SECONDS = 900;
