// Suppression globs: the syntax each kind supports, and matching in linear time whatever the pattern.
import { describe, expect, it } from 'vitest';
import { GlobError, resourceGlob, ruleGlob } from '../../src/suppress/glob.js';

describe('rule globs', () => {
  const table: [pattern: string, matches: string[], not: string[]][] = [
    ['rds-writer-multi-az', ['rds-writer-multi-az'], ['rds-writer-multi-az-x', 'rds-writer']],
    ['rds-*', ['rds-', 'rds-writer-multi-az'], ['ecs-rds-x', 'rds']],
    ['rds-?', ['rds-a'], ['rds-ab', 'rds-']],
    ['{rds,ecs}-*', ['rds-x', 'ecs-y'], ['s3-x', '{rds,ecs}-x']],
    ['{rds,{ecs,elasticache}}-*', ['elasticache-x', 'ecs-x', 'rds-x'], ['s3-x']],
    ['nat-[ab]', ['nat-a', 'nat-b'], ['nat-c']],
    ['nat-[!ab]', ['nat-c'], ['nat-a']],
    ['@(rds|ecs)-*', ['rds-x', 'ecs-x'], ['s3-x']],
    ['rds+(-x)', ['rds-x', 'rds-x-x'], ['rds']],
    ['!(*-info)', ['rds-high', 'x'], ['cdn-info']],
    ['literal{brace}', ['literal{brace}'], ['literalbrace']],
    ['dot.star', ['dot.star'], ['dotxstar']],
  ];
  for (const [pattern, yes, no] of table) {
    it(pattern, () => {
      const m = ruleGlob(pattern);
      for (const id of yes) expect(m(id), id).toBe(true);
      for (const id of no) expect(m(id), id).toBe(false);
    });
  }
  for (const bad of ['rds-[ab', '{rds,ecs-*', '@(rds|ecs', 'rds-!(x)', '*'.repeat(1001)]) {
    it(`refuses ${bad.slice(0, 20)}`, () => expect(() => ruleGlob(bad)).toThrow(GlobError));
  }
});

describe('resource globs', () => {
  it('* crosses / and :, ? is one character, everything else is literal', () => {
    const m = resourceGlob('arn:aws:rds:*:db:shopflow-?');
    expect(m('arn:aws:rds:us-east-1:123456789012:db:shopflow-a')).toBe(true);
    expect(m('arn:aws:rds:us-east-1:123456789012:db:shopflow-ab')).toBe(false);
    expect(resourceGlob('a.b[c]{d}')('a.b[c]{d}')).toBe(true);
    expect(resourceGlob('a.b*')('axb')).toBe(false);
    expect(resourceGlob('line*')('line1\nline2')).toBe(true);
  });
});

describe('no pattern backtracks', () => {
  // Each of these took exponential time with a backtracking RegExp; the answers are what matters here.
  const long = 'a'.repeat(20_000);
  const hostile = '*?*?*?*?*?*?*?*?*?*?*?*?*?*?!';
  it(`rule glob ${hostile} against a long id`, () => expect(ruleGlob(hostile)(long)).toBe(false));
  it(`resource glob ${hostile} against a long ARN`, () => expect(resourceGlob(hostile)(`arn:aws:${long}`)).toBe(false));
  it('nested alternatives against a long id', () => expect(ruleGlob('+(a|aa)+(a|aa)b')(long)).toBe(false));
  it('still matches where it should', () => expect(ruleGlob(hostile)(`${long}!`)).toBe(true));
});
