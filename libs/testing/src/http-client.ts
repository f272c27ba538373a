import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }>;
  headers: Headers;
}

/** A small client against a listening app: tokens from the dev issuer, GraphQL over POST. */
export class TestClient {
  constructor(readonly baseUrl: string) {}

  static async listen(app: INestApplication): Promise<TestClient> {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as AddressInfo;
    return new TestClient(`http://127.0.0.1:${address.port}`);
  }

  async devToken(username: string): Promise<string> {
    const res = await this.post('/auth/dev/token', { username });
    if (res.status !== 200) throw new Error(`dev token for ${username}: HTTP ${res.status}`);
    const body = (await res.json()) as { access_token: string };
    return body.access_token;
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  /** A machine client's token by OAuth2 client credentials (form-encoded, as partners send it). */
  async clientToken(clientId: string, secret: string, scope?: string): Promise<string> {
    const res = await fetch(`${this.baseUrl}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, ...(scope ? { scope } : {}) }),
    });
    const body = (await res.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`token: ${res.status} ${JSON.stringify(body)}`);
    return body.access_token;
  }

  async graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphqlResponse<T>> {
    const res = await this.post('/graphql', { query, variables }, token ? { Authorization: `Bearer ${token}` } : {});
    const body = (await res.json()) as Omit<GraphqlResponse<T>, 'status' | 'headers'>;
    return { status: res.status, headers: res.headers, ...body };
  }
}
