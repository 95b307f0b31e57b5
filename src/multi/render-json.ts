// The merged JSON report (schemas/multi-report.schema.json): the interface for scripts across accounts.
import type { MultiReport } from './types.js';

export function renderMultiJson(report: MultiReport): string {
  return JSON.stringify({ $schema: 'https://infra-audit.dev/schemas/multi-report.schema.json', ...report }, null, 2) + '\n';
}
