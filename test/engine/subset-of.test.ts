// The subsetOf operator: every element of the list is in the accepted list. A result shows only the
// elements outside it (the accepted ones are not the finding), and an absent list is unknown, never
// "empty": it passes nothing.
import { describe, expect, it } from 'vitest';
import { compare, RuleEvalError } from '../../src/engine/conditions.js';
import { plainExpected } from '../../src/engine/message.js';

describe('compare subsetOf', () => {
  it.each([
    [[], [], true],
    [[], ['A'], true],
    [['A'], ['A', 'B'], true],
    [['B', 'A'], ['A', 'B'], true],
    [['A'], [], false],
    [['A', 'C'], ['A', 'B'], false],
    [['a'], ['A'], false],
    [[1], ['1'], false],
  ])('%j within %j: %s', (actual, accepted, ok) => {
    expect(compare('subsetOf', actual, accepted)).toBe(ok);
  });

  it('an absent list, a string or a map passes nothing, not even within nothing', () => {
    for (const actual of [undefined, null, 'A', { A: 1 }]) {
      expect(compare('subsetOf', actual, []), JSON.stringify(actual)).toBe(false);
      expect(compare('subsetOf', actual, ['A']), JSON.stringify(actual)).toBe(false);
    }
  });

  it("an accepted value that is no list is the rule's error", () => {
    expect(() => compare('subsetOf', ['A'], 'A')).toThrow(RuleEvalError);
    expect(() => compare('subsetOf', ['A'], { A: true })).toThrow(RuleEvalError);
  });

  it('reads as a sentence', () => {
    expect(plainExpected('subsetOf', [])).toBe('none');
    expect(plainExpected('subsetOf', ['A', 'B'])).toBe('none but A and B');
  });
});
