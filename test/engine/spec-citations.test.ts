// Finding a cited quote in the architecture document: whitespace-normalised substring search, positions
// as editors count them (1-based line and UTF-16 column; LF, CRLF or CR end a line), never a pattern.
import { describe, expect, it } from 'vitest';
import { citationProblem, citationsOf, quoteFinder } from '../../src/engine/spec-citations.js';

describe('quoteFinder', () => {
  const doc = ['# Design', '', '│  Multi-AZ:           Enabled        │', '| RTO | 4 hours | Multi-AZ failover |', 'Cost: $1,441 (approx.) a.*b [x]', 'aXXb'].join('\n');
  const find = quoteFinder(doc);

  it.each([
    ['the padding of an aligned table', 'Multi-AZ: Enabled', { line: 3, column: 4 }],
    ['a Markdown table row', 'RTO | 4 hours', { line: 4, column: 3 }],
    ['leading and trailing whitespace of the quote', '  Multi-AZ:\tEnabled \n', { line: 3, column: 4 }],
    ['regex metacharacters as themselves', '$1,441 (approx.)', { line: 5, column: 7 }],
    ['a dot-star as itself', 'a.*b', { line: 5, column: 24 }],
    ['brackets as themselves', '[x]', { line: 5, column: 29 }],
    ['a quote across a line break', 'Enabled │ | RTO', { line: 3, column: 24 }],
  ])('finds %s', (_what, quote, position) => {
    expect(find(quote)).toEqual(position);
  });

  it.each([
    ['text the document does not have', 'Multi-AZ: Disabled'],
    ['another case', 'multi-az: enabled'],
    ['a pattern that would match as a regex', 'a..b'],
    ['whitespace where the document has none', 'Multi - AZ'],
    ['only whitespace', '   '],
  ])('does not find %s', (_what, quote) => {
    expect(find(quote)).toBeUndefined();
  });

  it('counts CRLF and lone CR line endings as one line break each', () => {
    const crlf = quoteFinder('one\r\ntwo\r\n  Multi-AZ:   Enabled\r\n');
    expect(crlf('Multi-AZ: Enabled')).toEqual({ line: 3, column: 3 });
    expect(crlf('two Multi-AZ:')).toEqual({ line: 2, column: 1 });
    expect(quoteFinder('a\rb\rc here')('here')).toEqual({ line: 3, column: 3 });
  });

  it('counts columns in UTF-16 units, as SARIF and editors do', () => {
    expect(quoteFinder('😀 │ x')('x')).toEqual({ line: 1, column: 6 });
  });
});

describe('citationsOf and citationProblem', () => {
  const spec = {
    databases: { main: { multiAz: true, readReplicas: { count: 2 }, cite: { '/multiAz': 'Multi-AZ: Enabled', '/readReplicas/count': ['2 replicas', 'Read Replicas: 2'] } } },
    dr: { rto: { seconds: 1, strategy: 'x' }, cite: { '/rto': 'RTO | 4 hours' } },
    queues: { work: { cite: { '': 'SQS Queue' } } },
  };

  it('lists every quote with the value it cites and where it is written', () => {
    expect(citationsOf(spec)).toEqual([
      { value: '/databases/main/multiAz', at: '/databases/main/cite/~1multiAz', quote: 'Multi-AZ: Enabled' },
      { value: '/databases/main/readReplicas/count', at: '/databases/main/cite/~1readReplicas~1count/0', quote: '2 replicas' },
      { value: '/databases/main/readReplicas/count', at: '/databases/main/cite/~1readReplicas~1count/1', quote: 'Read Replicas: 2' },
      { value: '/queues/work', at: '/queues/work/cite/', quote: 'SQS Queue' },
      { value: '/dr/rto', at: '/dr/cite/~1rto', quote: 'RTO | 4 hours' },
    ]);
    expect(citationProblem(spec)).toBeUndefined();
  });

  it.each([
    ['a value the item does not set', { databases: { main: { cite: { '/multiAz': 'x' } } } }, '/databases/main/cite/~1multiAz', /cites \/databases\/main\/multiAz, which this spec does not set/],
    ['a value dr does not set', { dr: { cite: { '/rpo': 'x' } } }, '/dr/cite/~1rpo', /does not set/],
    ['another cite', { caches: { main: { cite: { '/cite': 'x' } } } }, '/caches/main/cite/~1cite', /not for another cite/],
  ])('refuses a cite of %s, at the cite', (_what, bad, pointer, message) => {
    const problem = citationProblem(bad as Record<string, unknown>);
    expect(problem?.pointer).toBe(pointer);
    expect(problem?.message).toMatch(message);
  });
});
