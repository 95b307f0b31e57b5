// The JSON report (schemas/report.schema.json): the stable interface for scripts and nightly jobs.
import type { ReportContext } from './model.js';

export function renderJson({ report }: ReportContext): string {
  return JSON.stringify({ $schema: 'https://infra-audit.dev/schemas/report.schema.json', ...report }, null, 2) + '\n';
}
