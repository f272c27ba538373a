import { IsString, MaxLength } from 'class-validator';
import { AppError } from '../errors/app-error';
import { createValidationPipe } from './validation.pipe';

class NoteInput {
  @IsString()
  @MaxLength(5)
  note!: string;
}

/** A parent object as a field resolver gets it: its class has no validation rules at all. */
class ParentRow {
  id = 'h1';
  fromOrganisationId = 'o1';
}

// How Nest hands a resolver's parameters to the global pipe: @Args as `body`, and @Parent,
// @Context, @Ctx and @CurrentActor as `custom`.
describe('createValidationPipe', () => {
  const pipe = createValidationPipe();

  it('validates GraphQL arguments, naming the field and never the value', async () => {
    const refused = await pipe.transform({ note: 'much too long' }, { type: 'body', metatype: NoteInput, data: 'input' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('BAD_USER_INPUT');
    expect((refused as AppError).message).toContain('note');
    expect((refused as AppError).message).not.toContain('much too long');
    await expect(pipe.transform({ note: 'kort' }, { type: 'body', metatype: NoteInput, data: 'input' })).resolves.toBeInstanceOf(NoteInput);
  });

  it('validates HTTP bodies as before', async () => {
    await expect(pipe.transform({ note: 42 }, { type: 'body', metatype: NoteInput })).rejects.toBeInstanceOf(AppError);
  });

  it('hands a resolver its parent and context as they are (not client input), even with a class that has rules', async () => {
    const parent = new ParentRow();
    const context = { req: {} };
    const noted = { note: 'not validated: a value our own resolver produced' };
    await expect(pipe.transform(parent, { type: 'custom', metatype: ParentRow })).resolves.toBe(parent);
    await expect(pipe.transform(context, { type: 'custom', metatype: Object, data: 'req' })).resolves.toBe(context);
    await expect(pipe.transform(noted, { type: 'custom', metatype: NoteInput })).resolves.toBe(noted);
    expect(parent).toEqual({ id: 'h1', fromOrganisationId: 'o1' });
  });
});
