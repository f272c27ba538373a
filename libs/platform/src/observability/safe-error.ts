import { AppError } from '../errors/app-error';

/**
 * What of an error may be written to a log line. Nothing a citizen typed may reach a log, and a
 * failed statement carries it in several places: TypeORM's QueryFailedError has the bind
 * `parameters` and the `query`, the pg error's `detail` ("Failing row contains (…)", "Key (…)=(…)")
 * and `where`, and PostgreSQL repeats a refused value in its message (`invalid input syntax for
 * type uuid: "…"`). Only the error's type, a message with quoted values removed, schema names
 * (SQLSTATE, constraint, table, column, data type, routine) and the stack frames are kept.
 */
export interface SafeErrorLog {
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  dataType?: string;
  routine?: string;
  stack?: string;
  cause?: SafeErrorLog;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Codes like ECONNREFUSED or ERR_INVALID_ARG_TYPE carry no data; anything else is dropped. */
const SAFE_CODE = /^[A-Z0-9_]{1,64}$/;
/** Schema names, never data: PostgreSQL identifiers. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;
const FRAME = /^\s+at /;
const MAX_DEPTH = 3;

type Fields = Record<string, unknown>;

function fieldsOf(error: unknown): Fields {
  return typeof error === 'object' && error !== null ? (error as Fields) : {};
}

function isErrorLike(error: unknown): error is Error {
  return error instanceof Error || (typeof fieldsOf(error).message === 'string' && typeof fieldsOf(error).stack === 'string');
}

/** A database error: TypeORM's QueryFailedError (has driverError) or a pg DatabaseError. */
function isDatabaseError(error: unknown): boolean {
  const e = fieldsOf(error);
  return 'driverError' in e || ('severity' in e && typeof e.code === 'string' && SQLSTATE.test(e.code));
}

/** Quoted parts of a message are where values live ('…' and "…"); they go, the wording stays. */
export function withoutQuotedValues(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/`(?:[^`\\]|\\.)*`/g, '`…`');
}

function safeMessage(error: unknown): string {
  const e = fieldsOf(error);
  const raw = typeof e.message === 'string' ? e.message : typeof error === 'string' ? error : '';
  // Our own refusals are written per case and carry no values (ADR 0006).
  if (error instanceof AppError) return raw;
  // PL/pgSQL RAISE (class P0) puts whatever the function chose into the message.
  if (isDatabaseError(error) && typeof e.code === 'string' && e.code.startsWith('P0')) return `database raised an exception (SQLSTATE ${e.code})`;
  // The first line only: a message never needs the statement that follows it.
  return withoutQuotedValues(raw.split('\n')[0]);
}

function typeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return typeof error;
  const ctor = (error as { constructor?: { name?: unknown } }).constructor;
  const name = typeof ctor?.name === 'string' && ctor.name !== 'Object' ? ctor.name : fieldsOf(error).name;
  return typeof name === 'string' && IDENTIFIER.test(name) ? name : 'Error';
}

/** The error as it may be logged (see SafeErrorLog). Accepts anything that was thrown. */
export function safeError(error: unknown, depth = 0): SafeErrorLog {
  // GraphQL wraps what a resolver threw; the wrapped error is the one that matters.
  const original = fieldsOf(error).originalError;
  if (original && depth < MAX_DEPTH && isErrorLike(original)) return safeError(original, depth + 1);

  const e = fieldsOf(error);
  const type = typeOf(error);
  const message = safeMessage(error);
  const log: SafeErrorLog = { type, message };
  if (typeof e.code === 'string' && SAFE_CODE.test(e.code)) log.code = e.code;
  for (const key of ['constraint', 'table', 'column', 'dataType', 'routine'] as const) {
    const value = e[key];
    if (typeof value === 'string' && IDENTIFIER.test(value)) log[key] = value;
  }
  if (typeof e.stack === 'string') {
    const frames = e.stack.split('\n').filter((line) => FRAME.test(line));
    log.stack = [`${type}: ${message}`, ...frames].join('\n');
  }
  if (e.cause !== undefined && depth < MAX_DEPTH) log.cause = safeError(e.cause, depth + 1);
  return log;
}

/** One line for a log message: "Type: message" with values removed. */
export function safeErrorMessage(error: unknown): string {
  const log = safeError(error);
  return `${log.type}${log.code ? ` ${log.code}` : ''}: ${log.message}`;
}

/**
 * pino serializer for `err`. pino-http first runs pino's own serializer, which copies every
 * enumerable property (parameters, query, detail, …) and keeps the original as `raw`.
 */
export function safeErrorSerializer(serialized: unknown): SafeErrorLog {
  const raw = fieldsOf(serialized).raw;
  return safeError(raw ?? serialized);
}

type LogMethod = (this: unknown, ...args: unknown[]) => void;

/**
 * pino `hooks.logMethod`: pino takes a log line's `msg` from `err.message` when none is given,
 * before any serializer runs; give it the safe message instead. A bare Error as the first
 * argument goes the same way.
 */
export function safeLogMethod(this: unknown, args: unknown[], method: LogMethod): void {
  const [first, ...rest] = args;
  if (isErrorLike(first)) {
    method.apply(this, [{ err: first }, typeof rest[0] === 'string' ? rest[0] : safeErrorMessage(first), ...rest.slice(1)]);
    return;
  }
  const err = fieldsOf(first).err;
  if (err !== undefined && isErrorLike(err) && typeof rest[0] !== 'string') {
    method.apply(this, [first, safeErrorMessage(err), ...rest]);
    return;
  }
  method.apply(this, args);
}

/**
 * An Error made from safeError's output, for callbacks that log `error.stack` themselves (the
 * GraphQL formatter's onInternalError): its message and stack hold no values.
 */
export class SanitizedError extends Error {
  readonly code?: string;
  // Schema names (never data) stay, so a log of this error still says which constraint refused.
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
  readonly dataType?: string;
  readonly routine?: string;

  constructor(log: SafeErrorLog) {
    super(log.message);
    this.name = log.type;
    if (log.code) this.code = log.code;
    if (log.constraint) this.constraint = log.constraint;
    if (log.table) this.table = log.table;
    if (log.column) this.column = log.column;
    if (log.dataType) this.dataType = log.dataType;
    if (log.routine) this.routine = log.routine;
    this.stack = log.stack ?? `${log.type}: ${log.message}`;
  }
}

export function sanitizedError(error: unknown): SanitizedError {
  return error instanceof SanitizedError ? error : new SanitizedError(safeError(error));
}
