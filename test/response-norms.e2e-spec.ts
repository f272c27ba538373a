import { TestClient } from '@schakel/testing';
import { Client } from 'pg';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type Stack, startStack } from './support/stack';

/**
 * Organisation.responseNorm: what the referral form shows per receiving organisation ("reageert
 * binnen 2 werkdagen"). A database of its own, because the suite adds norms of its own.
 */
interface Norm {
  acceptWithin: string;
  firstContactWithin: string;
  description: string;
  acceptWorkingDays: number | null;
  acceptHours: number | null;
  contactWorkingDays: number | null;
  contactHours: number | null;
}

const FIELDS = 'acceptWithin firstContactWithin description acceptWorkingDays acceptHours contactWorkingDays contactHours';

describe('Organisation.responseNorm', () => {
  const env = new IsolatedEnvironment('norms');
  let stack: Stack | undefined;
  let api: TestClient;
  let token: string;

  const norms = async (args: string): Promise<Record<string, Norm>> => {
    const res = await api.graphql<{ organisations: Array<{ name: string; responseNorm: Norm }> }>(`{ organisations { name responseNorm${args} { ${FIELDS} } } }`, {}, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return Object.fromEntries(res.data!.organisations.map((o) => [o.name, o.responseNorm]));
  };

  beforeAll(async () => {
    stack = await startStack(env, {
      seed: async (owner, orgs) => {
        await owner.query(
          `INSERT INTO response_norms (organisation_id, topic, urgency, accept_amount, accept_unit, contact_amount, contact_unit, source) VALUES
             ($1, NULL, 'NORMAAL', 3, 'WORKING_DAYS', 5, 'WORKING_DAYS', 'TEST'),
             ($1, 'WERK', 'NORMAAL', 1, 'WORKING_DAYS', 2, 'WORKING_DAYS', 'TEST'),
             ($2, NULL, NULL, 10, 'WORKING_DAYS', 10, 'WORKING_DAYS', 'TEST')`,
          [orgs.uwv, orgs.svb],
        );
      },
    });
    ({ client: api } = stack);
    token = await api.devToken('balie@tilburg.demo');
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('without arguments gives the general norm for an ordinary (NORMAAL) referral, in words and numbers', async () => {
    const byName = await norms('');
    expect(byName['Gemeente Enschede']).toEqual({
      acceptWithin: '2 werkdagen',
      firstContactWithin: '3 werkdagen',
      description: 'reageert binnen 2 werkdagen',
      acceptWorkingDays: 2,
      acceptHours: null,
      contactWorkingDays: 3,
      contactHours: null,
    });
    expect(byName.UWV.description).toBe('reageert binnen 3 werkdagen');
  });

  it('follows urgency, then organisation, then topic', async () => {
    expect((await norms('(urgency: HOOG)'))['Belastingdienst'].description).toBe('reageert binnen 1 werkdag');
    const acuut = await norms('(topic: WERK, urgency: ACUUT)');
    // ACUUT keeps its hours, also where UWV set its own days for WERK.
    expect(acuut.UWV).toMatchObject({ description: 'reageert binnen 4 uur', acceptHours: 4, acceptWorkingDays: null, firstContactWithin: '3 werkdagen' });
    const werk = await norms('(topic: WERK)');
    expect(werk.UWV).toMatchObject({ description: 'reageert binnen 1 werkdag', firstContactWithin: '2 werkdagen' });
    expect((await norms('(topic: ZORG, urgency: NORMAAL)')).UWV.description).toBe('reageert binnen 3 werkdagen');
    // SVB's norm names no urgency, so the NORMAAL default (which does) wins.
    expect(werk['Sociale Verzekeringsbank'].description).toBe('reageert binnen 2 werkdagen');
  });

  it('refuses an unknown topic or urgency', async () => {
    const res = await api.graphql(`{ organisations { responseNorm(urgency: SNEL) { description } } }`, {}, token);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('costs one statement for the whole list, not one per organisation', async () => {
    const statements = async (query: string): Promise<number> => {
      const spy = jest.spyOn(Client.prototype, 'query');
      try {
        const res = await api.graphql(query, {}, token);
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    await statements(`{ organisations { id } }`); // warm-up: token and directory look-ups
    const plain = await statements(`{ organisations { id } }`);
    // Combinations not asked before, so nothing comes from the norm cache.
    const withNorms = `{ organisations { id a: responseNorm(topic: JEUGD) { description } b: responseNorm(topic: WONEN, urgency: HOOG) { acceptWithin } } }`;
    expect(await statements(withNorms)).toBe(plain + 1);
    expect(await statements(withNorms)).toBe(plain);
  });
});
