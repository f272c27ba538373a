import type { ArgumentsHost } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { ProblemDetailsFilter } from './problem.filter';

function httpHost() {
  const sent: { status?: number; type?: string; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const response = {
    setHeader: (name: string, value: string) => void (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(type: string) {
      sent.type = type;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('ProblemDetailsFilter', () => {
  it('answers an AppError as problem details with its status and field', () => {
    const { host, sent } = httpHost();
    new ProblemDetailsFilter().catch(AppError.badInput({ nl: 'Fout veld.', en: 'Wrong field.' }, { field: 'client_id' }), host);
    expect(sent).toMatchObject({ status: 400, type: 'application/problem+json', body: { code: 'BAD_USER_INPUT', field: 'client_id', detail: 'Fout veld.' } });
  });

  it('answers a lost database connection as a retryable 503, without the driver message', () => {
    const { host, sent } = httpHost();
    const lost = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    new ProblemDetailsFilter().catch(lost, host);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
    expect(sent.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(JSON.stringify(sent.body)).not.toContain('administrator');
  });

  it('leaves GraphQL errors to the GraphQL formatter', () => {
    const host = { getType: () => 'graphql' } as unknown as ArgumentsHost;
    const error = new Error('x');
    expect(() => new ProblemDetailsFilter().catch(error, host)).toThrow(error);
  });
});
