import { CombinedGraphQLErrors } from '@apollo/client';
import { errorsByField, hasCode, userFacingErrors } from './errors';

const graphqlErrors = (errors: Array<{ message: string; extensions?: Record<string, unknown> }>) =>
  new CombinedGraphQLErrors({ errors: errors.map((e) => ({ ...e, locations: [], path: [] })) } as never);

describe('userFacingErrors', () => {
  it('uses the Dutch message and every field a refusal names', () => {
    const error = graphqlErrors([
      { message: 'Ongeldig. / Invalid.', extensions: { code: 'BAD_USER_INPUT', message_nl: 'Ongeldige invoer.', details: { fields: [{ field: 'citizen.name' }, { field: 'summary' }] } } },
    ]);
    expect(userFacingErrors(error)).toEqual([{ code: 'BAD_USER_INPUT', message: 'Ongeldige invoer.', fields: ['citizen.name', 'summary'] }]);
  });

  it('falls back to the Dutch half of a bilingual message, and to INTERNAL_SERVER_ERROR without a code', () => {
    expect(userFacingErrors(graphqlErrors([{ message: 'Mis. / Wrong.' }]))).toEqual([{ code: 'INTERNAL_SERVER_ERROR', message: 'Mis.', fields: [] }]);
  });

  it('says the connection is gone when the API could not be reached (network error, API or database down)', () => {
    const [e] = userFacingErrors(new TypeError('Failed to fetch'));
    expect(e.code).toBe('NETWORK');
    expect(e.message).toMatch(/Geen verbinding met Schakel/);
    expect(hasCode(new TypeError('x'), 'CONFLICT')).toBe(false);
  });

  it('recognises a stale version (CONFLICT) and a service that is down (SERVICE_UNAVAILABLE)', () => {
    expect(hasCode(graphqlErrors([{ message: 'x', extensions: { code: 'CONFLICT' } }]), 'CONFLICT')).toBe(true);
    const [down] = userFacingErrors(graphqlErrors([{ message: '', extensions: { code: 'SERVICE_UNAVAILABLE' } }]));
    expect(down.message).toMatch(/niet bereikbaar/);
  });
});

describe('errorsByField', () => {
  it('puts refusals at their fields and the rest in a general list', () => {
    const error = graphqlErrors([
      { message: 'a', extensions: { code: 'BAD_USER_INPUT', message_nl: 'BSN klopt niet.', details: { field: 'citizen.bsn' } } },
      { message: 'b', extensions: { code: 'FORBIDDEN', message_nl: 'Mag niet.' } },
      { message: 'c', extensions: { code: 'BAD_USER_INPUT', message_nl: 'Onbekend veld.', details: { field: 'nergens' } } },
    ]);
    const map: Record<string, string> = { 'citizen.bsn': 'bsn' };
    expect(errorsByField(error, (p) => map[p])).toEqual({ byField: { bsn: 'BSN klopt niet.' }, general: ['Mag niet.', 'Onbekend veld.'] });
  });
});
