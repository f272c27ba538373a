import { stack } from './stack';

interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/**
 * Acts through the API directly as another employee (development token, then GraphQL with a
 * Bearer token): to set up or change state behind the browser's back.
 */
export class ApiActor {
  private constructor(
    readonly username: string,
    private readonly token: string,
  ) {}

  static async signIn(username: string): Promise<ApiActor> {
    const res = await fetch(`${stack().apiUrl}/auth/dev/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    if (!res.ok) throw new Error(`/auth/dev/token voor ${username}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { access_token: string };
    return new ApiActor(username, body.access_token);
  }

  /** The raw answer, errors included. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const res = await fetch(`${stack().apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  }

  /** The data; throws with the API's errors when there are any. */
  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = await this.request<T>(query, variables);
    if (body.errors?.length || !body.data) {
      throw new Error(`GraphQL als ${this.username}: ${JSON.stringify(body.errors ?? body)}`);
    }
    return body.data;
  }
}

export interface CreatedReferral {
  id: string;
  currentHandoff: { id: string; version: number };
}

let sequence = 0;

/** A referral from `from` (a balie) to the organisation of `kind`, as the API's own example. */
export async function createReferral(
  from: ApiActor,
  kind: 'UWV' | 'SVB' | 'BELASTINGDIENST' | 'GEMEENTE' = 'UWV',
  overrides: { bsn?: string; name?: string; summary?: string; topic?: string; urgency?: string } = {},
): Promise<CreatedReferral> {
  const { organisations } = await from.graphql<{ organisations: Array<{ id: string; name: string }> }>(
    'query ($kind: OrganisationKind) { organisations(kind: $kind) { id name } }',
    { kind },
  );
  const to = organisations[0];
  if (!to) throw new Error(`Geen organisatie van soort ${kind}`);
  sequence += 1;
  const { createReferral: created } = await from.graphql<{ createReferral: CreatedReferral }>(
    `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id currentHandoff { id version } } }`,
    {
      input: {
        citizen: { bsn: overrides.bsn ?? '111222333', name: overrides.name ?? 'Fatima de Vries', phone: '06-12345678', preferredChannel: 'TELEFOON' },
        toOrganisationId: to.id,
        topic: overrides.topic ?? 'WERK',
        urgency: overrides.urgency ?? 'HOOG',
        summary: overrides.summary ?? 'Verloor haar baan; de WW-aanvraag loopt vast. Wil graag gebeld worden.',
        consent: { given: true, method: 'MONDELING' },
        idempotencyKey: `pw-${process.pid}-${Date.now()}-${sequence}`,
      },
    },
  );
  return created;
}
