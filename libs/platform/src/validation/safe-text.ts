import { ValidateBy, type ValidationOptions } from 'class-validator';
import { AppError, type BilingualMessage } from '../errors/app-error';

/**
 * Free text a person typed, checked before the database or a decoder sees it. PostgreSQL `text`
 * refuses U+0000, a lone UTF-16 surrogate cannot be encoded as UTF-8 (Node silently turns it into
 * U+FFFD, or throws in encodeURIComponent), and a text column with a length CHECK refuses what is
 * too long. Each of these would otherwise surface as an internal error.
 */
export interface SafeTextOptions {
  /** Most characters allowed (UTF-16 code units: never more code points than PostgreSQL counts). */
  max: number;
  /** Fewest characters allowed, whitespace included (default 0). */
  min?: number;
  /** Text is required: only whitespace counts as empty (default false: blank is allowed). */
  required?: boolean;
}

export type TextProblem = 'not-text' | 'nul' | 'surrogate' | 'blank' | 'too-short' | 'too-long';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a text value, or undefined when it may be stored. Never looks at more than it needs. */
export function textProblem(value: unknown, options: SafeTextOptions): TextProblem | undefined {
  if (value === null || value === undefined) return options.required ? 'blank' : undefined;
  if (typeof value !== 'string') return 'not-text';
  if (value.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  if (options.required && value.trim().length === 0) return 'blank';
  if (value.length < (options.min ?? 0)) return 'too-short';
  if (value.length > options.max) return 'too-long';
  return undefined;
}

/** The refusal for a field, in Dutch and English; it names the field and the rule, never the value. */
export function textProblemMessage(field: string, problem: TextProblem, options: SafeTextOptions): BilingualMessage {
  switch (problem) {
    case 'not-text':
      return { nl: `${field}: moet tekst zijn.`, en: `${field}: must be text.` };
    case 'nul':
      return { nl: `${field}: bevat een NUL-teken (U+0000); dat kan niet worden opgeslagen.`, en: `${field}: contains a NUL character (U+0000), which cannot be stored.` };
    case 'surrogate':
      return { nl: `${field}: bevat een ongeldig teken (een losse UTF-16-surrogaat).`, en: `${field}: contains an invalid character (a lone UTF-16 surrogate).` };
    case 'blank':
      return { nl: `${field}: vul dit in; alleen spaties telt als leeg.`, en: `${field}: fill this in; only whitespace counts as empty.` };
    case 'too-short':
      return { nl: `${field}: ten minste ${options.min ?? 0} tekens.`, en: `${field}: at least ${options.min ?? 0} characters.` };
    case 'too-long':
      return { nl: `${field}: ten hoogste ${options.max} tekens.`, en: `${field}: at most ${options.max} characters.` };
  }
}

/**
 * class-validator decorator for free text on GraphQL inputs: refuses NUL, lone surrogates, text
 * over `max` (or under `min`) and, when `required`, text that is only whitespace. Combine with
 * `@IsOptional()` for a nullable field.
 */
export function SafeText(options: SafeTextOptions, validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'safeText',
      constraints: [options],
      validator: {
        validate: (value: unknown) => textProblem(value, options) === undefined,
        defaultMessage: (args) => {
          const problem = textProblem(args?.value, options) ?? 'not-text';
          const text = textProblemMessage(args?.property ?? 'text', problem, options);
          return `${text.nl} / ${text.en}`;
        },
      },
    },
    validationOptions,
  );
}

/**
 * The same check in a service, for text that does not come through a validated input (a plain
 * argument, or a limit that depends on what the service adds). Returns the text trimmed.
 */
export function requireSafeText(value: unknown, field: string, options: SafeTextOptions): string {
  // Services store the trimmed text, so its length is what counts; NUL and surrogates survive a trim.
  const trimmed = typeof value === 'string' ? value.trim() : value;
  const problem = textProblem(trimmed, options);
  if (problem) throw AppError.badInput(textProblemMessage(field, problem, options), { field });
  return typeof trimmed === 'string' ? trimmed : '';
}
