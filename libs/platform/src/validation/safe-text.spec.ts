import { validateSync } from 'class-validator';
import { AppError } from '../errors/app-error';
import { requireSafeText, SafeText, textProblem } from './safe-text';

class Sample {
  @SafeText({ max: 10, required: true })
  name!: unknown;

  @SafeText({ max: 10 })
  note?: unknown;
}

function problems(values: Partial<Sample>): Record<string, string> {
  const sample = Object.assign(new Sample(), { name: 'ok', ...values });
  return Object.fromEntries(validateSync(sample, { validationError: { target: false, value: false } }).map((e) => [e.property, Object.values(e.constraints ?? {}).join(' ')]));
}

describe('textProblem', () => {
  it.each([
    ['a NUL character', 'a\u0000b', 'nul'],
    ['a lone high surrogate', 'a\uD800b', 'surrogate'],
    ['a lone low surrogate', '\uDC00', 'surrogate'],
    ['only whitespace', ' \t\n\u00A0', 'blank'],
    ['nothing', '', 'blank'],
    ['too much', 'x'.repeat(11), 'too-long'],
    ['a number', 42, 'not-text'],
  ])('refuses %s', (_what, value, problem) => {
    expect(textProblem(value, { max: 10, required: true })).toBe(problem);
  });

  it('accepts ordinary text, a surrogate pair (emoji) and, when not required, blank or null', () => {
    expect(textProblem('Fatima 😀', { max: 10, required: true })).toBeUndefined();
    expect(textProblem('   ', { max: 10 })).toBeUndefined();
    expect(textProblem(null, { max: 10 })).toBeUndefined();
  });
});

describe('@SafeText', () => {
  it('names the field and the rule in both languages, never the value', () => {
    const found = problems({ name: 'Fatima\u0000', note: 'x\uD800' });
    expect(found.name).toMatch(/^name: .*NUL.* \/ name: .*NUL/);
    expect(found.note).toMatch(/^note: .*surrogaat.* \/ note: .*surrogate/);
    expect(JSON.stringify(found)).not.toContain('Fatima');
  });

  it('refuses blank required text and lets optional text be blank', () => {
    expect(problems({ name: '   ' }).name).toMatch(/vul dit in.*fill this in/);
    expect(problems({ name: 'ok', note: '  ' })).toEqual({});
  });
});

describe('requireSafeText', () => {
  it('returns the text trimmed and measures the trimmed text', () => {
    expect(requireSafeText('  hallo  ', 'note', { max: 5, required: true })).toBe('hallo');
  });

  it('throws BAD_USER_INPUT naming the field', () => {
    const refusal = (() => {
      try {
        requireSafeText('x'.repeat(6), 'note', { max: 5, required: true });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'note' } });
    expect((refusal as AppError).message).toContain('5');
  });
});
