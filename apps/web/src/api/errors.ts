import { CombinedGraphQLErrors } from '@apollo/client';

/** What the UI needs from a refusal: its code, a Dutch message and the field it concerns. */
export interface UserFacingError {
  code: string;
  message: string;
  /** Input paths such as "citizen.bsn" or "summary" (from extensions.details). */
  fields: string[];
}

interface ErrorExtensions {
  code?: unknown;
  message_nl?: unknown;
  details?: { field?: unknown; fields?: Array<{ field?: unknown }> };
}

const FALLBACK: Record<string, string> = {
  UNAUTHENTICATED: 'Uw sessie is verlopen. Meld u opnieuw aan.',
  FORBIDDEN: 'Dit mag u niet doen met uw rol.',
  NOT_FOUND: 'Dit bestaat niet (meer), of u mag het niet zien.',
  CONFLICT: 'Iemand anders heeft dit net gewijzigd.',
  INVALID_TRANSITION: 'Deze stap kan nu niet meer.',
  RATE_LIMITED: 'U doet te veel verzoeken tegelijk. Wacht even en probeer het opnieuw.',
  SERVICE_UNAVAILABLE: 'Schakel is even niet bereikbaar. Probeer het zo opnieuw.',
  NETWORK: 'Geen verbinding met Schakel. Controleer uw netwerk en probeer het opnieuw.',
  INTERNAL_SERVER_ERROR: 'Er ging bij ons iets mis. Probeer het later opnieuw.',
};

/** Turns whatever Apollo threw into one message per error, in Dutch. */
export function userFacingErrors(error: unknown): UserFacingError[] {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => {
      const ext = (e.extensions ?? {}) as ErrorExtensions;
      const code = typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR';
      const fields: string[] = [];
      if (typeof ext.details?.field === 'string') fields.push(ext.details.field);
      for (const f of ext.details?.fields ?? []) if (typeof f.field === 'string') fields.push(f.field);
      const nl = typeof ext.message_nl === 'string' ? ext.message_nl : e.message.split(' / ')[0];
      return { code, message: nl || FALLBACK[code] || FALLBACK.INTERNAL_SERVER_ERROR, fields };
    });
  }
  return [{ code: 'NETWORK', message: FALLBACK.NETWORK, fields: [] }];
}

export function hasCode(error: unknown, code: string): boolean {
  return userFacingErrors(error).some((e) => e.code === code);
}

/**
 * Splits refusals over the form's fields (by input path) and a general list for the rest.
 * `fieldFor` maps an API input path to the id of the form field that shows it.
 */
export function errorsByField(
  error: unknown,
  fieldFor: (path: string) => string | undefined,
): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const e of userFacingErrors(error)) {
    const targets = e.fields.map(fieldFor).filter((f): f is string => Boolean(f));
    if (targets.length === 0) {
      general.push(e.message);
      continue;
    }
    for (const target of targets) byField[target] ??= e.message;
  }
  return { byField, general };
}
