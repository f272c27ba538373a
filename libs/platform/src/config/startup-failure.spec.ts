import { explainStartupFailure } from './startup-failure';

const hint = 'Start ze bijvoorbeeld met: docker compose -f infra/docker-compose.yml up -d';

describe('explainStartupFailure', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT'])('explains %s as PostgreSQL or Redis being unreachable, with how to start them', (code) => {
    expect(explainStartupFailure(Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code }))).toBe(
      `Schakel kan PostgreSQL of Redis niet bereiken (connect ${code} 127.0.0.1:5432). ${hint}`,
    );
  });

  it('names the code when an unreachable service gives no message', () => {
    expect(explainStartupFailure({ code: 'ECONNREFUSED' })).toBe(`Schakel kan PostgreSQL of Redis niet bereiken (ECONNREFUSED). ${hint}`);
  });

  it('looks inside an AggregateError (IPv4 and IPv6 both refused)', () => {
    const error = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:6379'), { code: 'ECONNREFUSED' }), Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' })], 'all attempts failed');
    expect(explainStartupFailure(error)).toBe(`Schakel kan PostgreSQL of Redis niet bereiken (all attempts failed). ${hint}`);
    expect(explainStartupFailure({ message: 'failed', errors: [{ code: 'EADDRNOTAVAIL' }, { code: 'ETIMEDOUT' }] })).toContain('niet bereiken');
  });

  it('tells to migrate when the database does not exist', () => {
    expect(explainStartupFailure({ code: '3D000', message: 'database "schakel" does not exist' })).toBe('De database bestaat nog niet: draai eerst npm run db:migrate.');
  });

  it.each(['28P01', '28000'])('points at DATABASE_URL when PostgreSQL refuses the login (%s)', (code) => {
    expect(explainStartupFailure({ code, message: 'password authentication failed' })).toBe(
      'PostgreSQL weigert de aanmelding (password authentication failed). Controleer DATABASE_URL.',
    );
  });

  it('asks for another PORT when the port is taken', () => {
    expect(explainStartupFailure({ code: 'EADDRINUSE', message: 'listen EADDRINUSE: address already in use :::3000' })).toBe(
      'De poort is al in gebruik (listen EADDRINUSE: address already in use :::3000). Kies een andere PORT.',
    );
  });

  it('passes anything else on with its message, or as text', () => {
    expect(explainStartupFailure(new Error('boom'))).toBe('Schakel kon niet starten: boom');
    expect(explainStartupFailure({ code: 'EOTHER', errors: [{ code: 'EOTHER' }] })).toBe('Schakel kon niet starten: [object Object]');
    expect(explainStartupFailure('just text')).toBe('Schakel kon niet starten: just text');
  });
});
