// Value formats in rule templates: {spec:/dr/rto/seconds|duration} reads "4 hours", {item:/x|onOff}
// "on". A value the format does not fit reads as it would unformatted (absent: "not set"), and a
// format no one knows is refused when the rule loads.
import { describe, expect, it } from 'vitest';
import { VALUE_FORMATS, splitFormat } from '../../src/engine/value-formats.js';
import { renderSpecText } from '../../src/engine/message.js';

describe('duration', () => {
  it.each([
    [14400, '4 hours'],
    [3600, '1 hour'],
    [5400, '90 minutes'],
    [300, '5 minutes'],
    [60, '1 minute'],
    [90, '90 seconds'],
    [1, '1 second'],
    [0, '0 seconds'],
    [86400, '1 day'],
    [172800, '2 days'],
    [90000, '25 hours'],
  ])('%d seconds: %s', (seconds, text) => {
    expect(VALUE_FORMATS.duration!(seconds)).toBe(text);
  });

  it.each([[-60], [1.5], ['3600'], [null], [undefined], [true], [Number.NaN], [Number.POSITIVE_INFINITY]])('%j is no duration', (value) => {
    expect(VALUE_FORMATS.duration!(value)).toBeUndefined();
  });
});

describe('onOff', () => {
  it.each([[true, 'on'], [false, 'off'], ['true', undefined], [1, undefined], [null, undefined]])('%j: %s', (value, text) => {
    expect(VALUE_FORMATS.onOff!(value)).toBe(text);
  });
});

describe('in a template', () => {
  const spec = { dr: { rto: { seconds: 14400 }, rpo: { seconds: 'soon' } }, flag: false };
  it.each([
    ['RTO of {spec:/dr/rto/seconds|duration}', 'RTO of 4 hours'],
    ['{spec:/dr/rto/seconds}-second RTO', '14400-second RTO'],
    ['RPO {spec:/dr/rpo/seconds|duration}', 'RPO soon'],
    ['RPO {spec:/dr/rpo/missing|duration}', 'RPO <missing>'],
    ['rotation {spec:/flag|onOff}', 'rotation off'],
  ])('%s -> %s', (template, text) => {
    expect(renderSpecText(template, spec)).toBe(text);
  });

  it('splits a reference from its format at the last bar', () => {
    expect(splitFormat('spec:/dr/rto/seconds|duration')).toEqual(['spec:/dr/rto/seconds', 'duration']);
    expect(splitFormat('spec:/dr/rto/seconds')).toEqual(['spec:/dr/rto/seconds', undefined]);
  });
});
