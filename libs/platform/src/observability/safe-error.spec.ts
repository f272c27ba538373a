import { Writable } from 'node:stream';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { AppError } from '../errors/app-error';
import { safeError, safeErrorMessage, safeErrorSerializer, safeLogMethod, sanitizedError } from './safe-error';

const NAME = 'Fatima de Vries';
const PHONE = '06-12345678';
const STORY = 'Verloor haar baan; de WW-aanvraag loopt vast.';
const PLANTED = [NAME, PHONE, STORY, 'Fatima'];

/** What a failed INSERT looks like: TypeORM copies the pg error's fields onto its own. */
function failedInsert(message = 'new row for relation "citizens" violates check constraint "citizens_name_check"'): QueryFailedError {
  const driverError = Object.assign(new Error(message), {
    severity: 'ERROR',
    code: '23514',
    detail: `Failing row contains (${NAME}, ${PHONE}, ${STORY}).`,
    where: `SQL statement "INSERT … '${NAME}'"`,
    schema: 'public',
    table: 'citizens',
    constraint: 'citizens_name_check',
    routine: 'ExecConstraints',
  });
  return new QueryFailedError('INSERT INTO citizens (name, phone, story) VALUES ($1, $2, $3)', [NAME, PHONE, STORY], driverError);
}

function expectNothingPlanted(text: string): void {
  for (const value of PLANTED) expect(text).not.toContain(value);
}

describe('safeError', () => {
  it('keeps type, SQLSTATE, constraint, table and frames of a failed statement, but no parameters, query, detail or where', () => {
    const log = safeError(failedInsert());
    expect(log).toMatchObject({ type: 'QueryFailedError', code: '23514', constraint: 'citizens_name_check', table: 'citizens', routine: 'ExecConstraints' });
    expect(log.stack).toMatch(/^QueryFailedError: new row for relation "…" violates check constraint "…"\n\s+at /);
    const text = JSON.stringify(log);
    expectNothingPlanted(text);
    expect(text).not.toMatch(/INSERT INTO|parameters|driverError|Failing row/);
  });

  it('removes a value PostgreSQL repeats in its message', () => {
    const log = safeError(failedInsert(`invalid input syntax for type uuid: "${NAME}"`));
    expect(log.message).toBe('invalid input syntax for type uuid: "…"');
    expectNothingPlanted(JSON.stringify(log));
  });

  it('drops the message of a PL/pgSQL RAISE entirely', () => {
    const error = Object.assign(new Error(`refused ${NAME}`), { severity: 'ERROR', code: 'P0001' });
    expect(safeError(error).message).toBe('database raised an exception (SQLSTATE P0001)');
  });

  it('looks through GraphQL wrappers and causes', () => {
    const wrapped = { originalError: new Error('outer', { cause: failedInsert() }), message: `x ${NAME}`, stack: 'x' };
    const text = JSON.stringify(safeError(wrapped));
    expect(text).toContain('23514');
    expectNothingPlanted(text);
  });

  it('keeps our own AppError messages (they never carry values) and quoted parts of other errors go', () => {
    expect(safeError(AppError.badInput({ nl: 'Fout', en: 'Wrong' })).message).toBe('Fout / Wrong');
    expect(safeErrorMessage(new SyntaxError(`Unexpected token 'F', "${NAME}" is not valid JSON`))).toBe(`SyntaxError: Unexpected token '…', "…" is not valid JSON`);
  });

  it('gives an Error whose message and stack are safe, for callbacks that log error.stack', () => {
    const error = sanitizedError(failedInsert(`invalid input syntax for type uuid: "${NAME}"`));
    expect(error).toBeInstanceOf(Error);
    expectNothingPlanted(`${error.message}\n${error.stack}`);
  });
});

describe('pino with the platform serializer and log hook', () => {
  function capture(): { logger: pino.Logger; lines: () => string } {
    let out = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = pino({ serializers: { err: pino.stdSerializers.wrapErrorSerializer(safeErrorSerializer) }, hooks: { logMethod: safeLogMethod } }, stream);
    return { logger, lines: () => out };
  }

  it.each([
    ['as Nest logs an exception ({ err })', (l: pino.Logger, e: Error) => l.error({ err: e, context: 'ExceptionsHandler' })],
    ['as a bare error', (l: pino.Logger, e: Error) => l.error(e)],
    ['with a message of its own', (l: pino.Logger, e: Error) => l.warn({ err: e }, 'job failed')],
  ])('writes no planted value %s', (_how, log) => {
    const { logger, lines } = capture();
    log(logger, failedInsert(`invalid input syntax for type uuid: "${NAME}"`));
    const text = lines();
    expect(text).toContain('QueryFailedError');
    expect(text).toContain('23514');
    expectNothingPlanted(text);
    expect(text).not.toContain('INSERT INTO');
  });
});
