import { createDataSource } from '@schakel/platform';
import { currentTestEnvironment } from '@schakel/testing';
import type { DataSource } from 'typeorm';
import { DEMO_ORGANISATIONS, DEMO_ROLES, demoUsername } from './demo-data';
import { seedDemoData } from './seed-demo-data';

describe('seedDemoData', () => {
  let owner: DataSource;
  beforeAll(async () => {
    owner = await createDataSource({ url: currentTestEnvironment().ownerUrl, entities: [], poolSize: 1 }).initialize();
  });
  afterAll(() => owner.destroy());

  it('is idempotent: a second and third run create nothing and duplicate nothing', async () => {
    // The global set-up already seeded once.
    expect(await seedDemoData(owner)).toEqual({ organisationsCreated: 0, employeesCreated: 0 });
    expect(await seedDemoData(owner)).toEqual({ organisationsCreated: 0, employeesCreated: 0 });
    const [{ orgs }] = await owner.query(`SELECT count(*)::int AS orgs FROM organisations WHERE slug = ANY($1)`, [DEMO_ORGANISATIONS.map((o) => o.slug)]);
    // Other suites add employees of their own (a privacy officer, an operator) to the same
    // database at the same time: count the seeded usernames, each must be there exactly once.
    const seeded = DEMO_ORGANISATIONS.flatMap((o) => DEMO_ROLES.map((r) => demoUsername(r.handle, o.slug)));
    const [{ employees }] = await owner.query(`SELECT count(*)::int AS employees FROM employees WHERE username = ANY($1)`, [seeded]);
    expect(orgs).toBe(6);
    expect(employees).toBe(6 * DEMO_ROLES.length);
  });

  it('gives every organisation one employee per role, named <role>@<slug>.demo', async () => {
    const rows: Array<{ username: string; roles: string; gemeentecode: string | null; kind: string }> = await owner.query(
      `SELECT e.username, e.roles::text AS roles, o.gemeentecode, o.kind FROM employees e JOIN organisations o ON o.id = e.organisation_id
        WHERE e.username IN ('balie@tilburg.demo', 'beheer@uwv.demo', 'coordinator@sittard-geleen.demo')
        ORDER BY e.username`,
    );
    expect(rows).toEqual([
      { username: 'balie@tilburg.demo', roles: '{BALIE}', gemeentecode: '0855', kind: 'GEMEENTE' },
      { username: 'beheer@uwv.demo', roles: '{BEHEERDER}', gemeentecode: null, kind: 'UWV' },
      { username: 'coordinator@sittard-geleen.demo', roles: '{COORDINATOR}', gemeentecode: '1883', kind: 'GEMEENTE' },
    ]);
  });

  it('keeps leading zeros of gemeentecodes', async () => {
    const [row] = await owner.query(`SELECT gemeentecode FROM organisations WHERE slug = 'enschede'`);
    expect(row.gemeentecode).toBe('0153');
  });

  it('leaves an administrator\'s change alone', async () => {
    await owner.query(`UPDATE employees SET active = false WHERE username = 'beleid@svb.demo'`);
    await seedDemoData(owner);
    const [row] = await owner.query(`SELECT active FROM employees WHERE username = 'beleid@svb.demo'`);
    expect(row.active).toBe(false);
    await owner.query(`UPDATE employees SET active = true WHERE username = 'beleid@svb.demo'`);
  });

  it('is refused by the database when a gemeentecode is given to a non-gemeente', async () => {
    await expect(
      owner.query(`INSERT INTO organisations (slug, name, kind, oin, gemeentecode) VALUES ('x-uwv', 'X', 'UWV', '00000099100000009000', '0999')`),
    ).rejects.toThrow(/organisations_gemeentecode_only_for_gemeente/);
  });
});
