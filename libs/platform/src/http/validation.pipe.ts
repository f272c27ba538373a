import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError } from '../errors/app-error';

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; problems: string[] }> {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validates GraphQL inputs (class-validator decorators on input types). A refusal names every
 * field that is wrong; values are never echoed, since they may be personal data.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const names = fields.map((f) => f.field).join(', ');
      return AppError.badInput(
        { nl: `Ongeldige invoer in: ${names}.`, en: `Invalid input in: ${names}.` },
        { fields },
      );
    },
  });
}
