import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError } from '../errors/app-error';

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; problems: string[] }> {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * The global pipe runs for every parameter of every resolver call, field resolvers included: on
 * the inbox page that is `from` and `to` of 50 rows, each with @Parent and @Context. Nest hands
 * those (and @Ctx, @CurrentActor) over as `custom`, which ValidationPipe leaves as they are
 * (validateCustomDecorators is off), but only after an async round through its transform; here
 * they are handed on at once. GraphQL arguments (`body`) and HTTP bodies, queries and params are
 * validated as before.
 */
class InputValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return Promise.resolve(value);
    return super.transform(value, metadata);
  }
}

/**
 * Validates GraphQL inputs (class-validator decorators on input types). A refusal names every
 * field that is wrong; values are never echoed, since they may be personal data.
 */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
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
