import type { LoadedSpec } from '../engine/spec.js';

/** Environment names the spec's services declare with plain values: the only ones whose values are kept. */
export function nonSecretEnvironmentNames(spec: LoadedSpec): string[] {
  const names = Object.values((spec.value.services ?? {}) as Record<string, any>).flatMap((service) => {
    const env = service?.taskDefinition?.container?.environment;
    return env && typeof env === 'object' ? Object.keys(env) : [];
  });
  return [...new Set(names)];
}
