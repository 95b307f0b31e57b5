// Every collector infra-audit runs: one per declared service (src/resources/<service>.ts), the module
// src/collect/<service>.ts. Loaded here, lazily for whoever imports the registry (scan and collect),
// so declaring a service is all it takes to run its collector.
import { SERVICE_META } from '../resources/catalog.generated.js';
import type { Collector } from './types.js';

/** The one export of src/collect/<service>.ts that is that service's collector. */
export async function loadCollector(service: string): Promise<Collector> {
  // A plain string, not a template in import(): bundlers and vite must not try to enumerate the directory.
  const specifier = `./${service}.js`;
  const module = (await import(specifier)) as Record<string, unknown>;
  const found = Object.values(module).filter(
    (v): v is Collector => typeof v === 'object' && v !== null && (v as Collector).service === service && typeof (v as Collector).collect === 'function',
  );
  if (found.length !== 1) throw new Error(`src/collect/${service}.ts must export exactly one collector of service "${service}" (found ${found.length})`);
  return found[0]!;
}

export const ALL_COLLECTORS: readonly Collector[] = await Promise.all(Object.keys(SERVICE_META).map(loadCollector));
