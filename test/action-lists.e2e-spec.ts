import { ResponseNormProvider, TableResponseNorms, addWorkingDays } from '@schakel/follow-ups';
import { DataSource } from 'typeorm';
import { ActionListReminderScan, ActionListReminders } from '@schakel/action-lists';
import { deleteKeys } from '@schakel/platform';
import { TestClient, currentTestEnvironment, eventually } from '@schakel/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { exportJWK, generateKeyPair, type KeyInput } from 'jose';
import { Client } from 'pg';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseStatement } from '../libs/action-lists/src/content';
import { verifyEvidenceBundle } from '@schakel/signing';
import { signStatement } from '@schakel/signing';
import type { SigningAlgorithm } from '@schakel/signing';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type Stack, startStack } from './support/stack';

/**
 * Joint action lists (issue 11) through the API: keys made here (as the browser would, with
 * WebCrypto via jose), a full round among Tilburg, UWV and SVB to FINAL, every refusal the issue
 * names, verification, immutability for the app's database role, and a gap-free log.
 */
interface Signer {
  username: string;
  token: string;
  privateKey: KeyInput;
  alg: SigningAlgorithm;
  kid: string;
}

interface GqlError {
  message: string;
  extensions?: { code?: string };
}

const VERSION_FIELDS = 'id listId version status contentHash previousVersionHash parties { organisationId signed } items { id status } signatures { organisationId intent logIndex }';

describe('joint action lists', () => {
  const env = new IsolatedEnvironment('actionlists');
  let stack: Stack | undefined;
  let api: TestClient;
  let orgs: Record<string, string>;
  const tokens: Record<string, string> = {};

  const gql = async <T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T | null; errors?: readonly GqlError[] }> => {
    tokens[who] ??= await api.devToken(who);
    return api.graphql<T>(query, variables, tokens[who]);
  };
  const ok = async <T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await gql<T>(who, query, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const code = async (who: string, query: string, variables: Record<string, unknown> = {}): Promise<string | undefined> =>
    (await gql(who, query, variables)).errors?.[0]?.extensions?.code;

  const newSigner = async (username: string, alg: SigningAlgorithm = 'EdDSA'): Promise<Signer> => {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const jwk = await exportJWK(publicKey);
    const { registerSigningKey } = await ok<{ registerSigningKey: { kid: string } }>(
      username,
      `mutation ($jwk: String!) { registerSigningKey(publicJwk: $jwk) { kid } }`,
      { jwk: JSON.stringify(jwk) },
    );
    return { username, token: tokens[username], privateKey, alg, kid: registerSigningKey.kid };
  };

  const statementFor = async (signer: Signer, versionId: string, intent: 'APPROVE' | 'DECLINE', reason?: string) => {
    const { signingStatement } = await ok<{ signingStatement: { statementJson: string; statementHash: string } }>(
      signer.username,
      `query ($v: ID!, $i: SignatureIntent!, $k: String!, $r: String) { signingStatement(versionId: $v, intent: $i, kid: $k, reason: $r) { statementJson statementHash } }`,
      { v: versionId, i: intent, k: signer.kid, r: reason ?? null },
    );
    return signingStatement.statementJson;
  };

  const signText = (signer: Signer, statementJson: string): Promise<string> => signStatement(parseStatement(JSON.parse(statementJson)), signer.privateKey, signer.alg);

  const SIGN = `mutation ($v: ID!, $s: String!, $j: String!) { signActionList(versionId: $v, statement: $s, jws: $j) { ${VERSION_FIELDS} } }`;

  const approve = async (signer: Signer, versionId: string) => {
    const statement = await statementFor(signer, versionId, 'APPROVE');
    return gql<{ signActionList: { status: string; signatures: unknown[] } }>(signer.username, SIGN, { v: versionId, s: statement, j: await signText(signer, statement) });
  };

  const createList = async (who: string, parties: string[], agreements: Array<Record<string, unknown>> = []) => {
    const { createActionList } = await ok<{ createActionList: { id: string; latestVersion: { id: string; contentHash: string } } }>(
      who,
      `mutation ($input: ActionListDraftInput!) { createActionList(input: $input) { id latestVersion { id contentHash } } }`,
      {
        input: {
          title: 'Samen één loket',
          description: 'Afspraken over warm doorverwijzen tussen gemeente, UWV en SVB.',
          partyOrganisationIds: parties.map((p) => orgs[p]),
          items: [
            { id: 'loket', description: 'Eén contactpersoon per organisatie', ownerOrganisationId: orgs.tilburg, dueDate: '2027-01-15' },
            { id: 'scholing', description: 'Scholing baliemedewerkers', ownerOrganisationId: orgs[parties[0]] ?? orgs.tilburg, dueDate: null },
          ],
          agreements,
        },
      },
    );
    return { listId: createActionList.id, versionId: createActionList.latestVersion.id };
  };

  const open = (who: string, versionId: string) =>
    ok<{ openActionListForSigning: { status: string } }>(who, `mutation ($v: ID!) { openActionListForSigning(versionId: $v) { status } }`, { v: versionId });

  let worker: INestApplicationContext | undefined;
  let tilburg: Signer;
  let uwv: Signer;
  let svb: Signer;
  let listId: string;
  let versionId: string;

  beforeAll(async () => {
    stack = await startStack(env);
    ({ client: api, orgs } = stack);
    tilburg = await newSigner('secretaris@tilburg.demo', 'EdDSA');
    uwv = await newSigner('secretaris@uwv.demo', 'ES256');
    svb = await newSigner('secretaris@svb.demo', 'EdDSA');
    ({ listId, versionId } = await createList('beleid@tilburg.demo', ['uwv', 'svb'], [
      { receivingOrganisationId: orgs.uwv, topic: null, acceptWithinWorkingDays: 1, firstContactWithinWorkingDays: 1 },
    ]));
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('shows a list to its parties only', async () => {
    const mine = await ok<{ actionLists: Array<{ id: string }> }>('secretaris@uwv.demo', `{ actionLists { id } }`);
    expect(mine.actionLists.map((l) => l.id)).toContain(listId);
    const theirs = await ok<{ actionLists: Array<{ id: string }> }>('secretaris@enschede.demo', `{ actionLists { id } }`);
    expect(theirs.actionLists.map((l) => l.id)).not.toContain(listId);
    expect(await code('secretaris@enschede.demo', `query ($id: ID!) { actionList(id: $id) { id } }`, { id: listId })).toBe('NOT_FOUND');
    expect(await code('secretaris@enschede.demo', `query ($id: ID!) { actionListVersion(id: $id) { id } }`, { id: versionId })).toBe('NOT_FOUND');
  });

  it('lets only a secretaris or beleid of the owner draft, and only a draft be edited', async () => {
    expect(await code('balie@tilburg.demo', `mutation ($v: ID!) { openActionListForSigning(versionId: $v) { status } }`, { v: versionId })).toBe('FORBIDDEN');
    expect(await code('secretaris@uwv.demo', `mutation ($v: ID!) { openActionListForSigning(versionId: $v) { status } }`, { v: versionId })).toBe('FORBIDDEN');
    // A draft cannot be signed yet.
    expect(
      await code(tilburg.username, `query ($v: ID!, $k: String!) { signingStatement(versionId: $v, intent: APPROVE, kid: $k) { statementJson } }`, { v: versionId, k: tilburg.kid }),
    ).toBe('CONFLICT');
    expect((await open('secretaris@tilburg.demo', versionId)).openActionListForSigning.status).toBe('OPEN_FOR_SIGNING');
    expect(
      await code('secretaris@tilburg.demo', `mutation ($v: ID!, $i: ActionListDraftInput!) { updateActionListDraft(versionId: $v, input: $i) { id } }`, {
        v: versionId,
        i: { title: 'Anders', partyOrganisationIds: [orgs.uwv, orgs.svb] },
      }),
    ).toBe('CONFLICT');
  });

  it('refuses a non-secretaris, a non-party, another employee’s key, a revoked key, a changed statement and a bad signature', async () => {
    const statement = await statementFor(uwv, versionId, 'APPROVE');
    const jws = await signText(uwv, statement);
    // Not a secretaris: FORBIDDEN, also with a valid statement and signature in hand.
    expect(await code('balie@uwv.demo', SIGN, { v: versionId, s: statement, j: jws })).toBe('FORBIDDEN');
    expect(await code('coordinator@uwv.demo', `mutation ($k: String!) { registerSigningKey(publicJwk: $k) { kid } }`, { k: '{}' })).toBe('FORBIDDEN');
    // Not a party: does not see the version at all.
    const enschede = await newSigner('secretaris@enschede.demo');
    expect(await code(enschede.username, SIGN, { v: versionId, s: statement, j: jws })).toBe('NOT_FOUND');
    // UWV's statement and signature sent by SVB's secretaris: another person's key.
    expect(await code(svb.username, SIGN, { v: versionId, s: statement, j: jws })).toBe('FORBIDDEN');
    // One character changed in the statement: the signature no longer matches it.
    // One millisecond later (earlier from .999): still within the key's validity, so only the signature can refuse it.
    const changed = statement.replace(/(\d)Z"/, (_m, d: string) => `${d === '9' ? 8 : Number(d) + 1}Z"`);
    expect(changed).not.toBe(statement);
    expect(await code(uwv.username, SIGN, { v: versionId, s: changed, j: jws })).toBe('BAD_USER_INPUT');
    // A content hash that is not the open version's.
    const otherHash = statement.replace(/"contentHash":"([0-9a-f])/, (_m, c: string) => `"contentHash":"${c === '0' ? '1' : '0'}`);
    expect(await code(uwv.username, SIGN, { v: versionId, s: otherHash, j: await signText(uwv, otherHash) })).toBe('BAD_USER_INPUT');
    // Signature by another key of the right shape: bad signature.
    const other = await generateKeyPair('ES256');
    expect(await code(uwv.username, SIGN, { v: versionId, s: statement, j: await signStatement(parseStatement(JSON.parse(statement)), other.privateKey, 'ES256') })).toBe('BAD_USER_INPUT');
    // A revoked key.
    const spare = await newSigner('secretaris@svb.demo', 'EdDSA');
    const spareStatement = await statementFor(spare, versionId, 'APPROVE');
    await ok(spare.username, `mutation ($k: String!) { revokeSigningKey(kid: $k) { revokedAt } }`, { k: spare.kid });
    expect(await code(spare.username, SIGN, { v: versionId, s: spareStatement, j: await signText(spare, spareStatement) })).toBe('FORBIDDEN');
    // Nothing was recorded.
    const { actionListVersion } = await ok<{ actionListVersion: { signatures: unknown[]; status: string } }>(uwv.username, `query ($id: ID!) { actionListVersion(id: $id) { status signatures { kid } } }`, { id: versionId });
    expect(actionListVersion).toEqual({ status: 'OPEN_FOR_SIGNING', signatures: [] });
  });

  it('becomes FINAL once Tilburg, UWV and SVB approved the same hash, and verifies', async () => {
    expect((await approve(tilburg, versionId)).data?.signActionList.status).toBe('OPEN_FOR_SIGNING');
    expect((await approve(uwv, versionId)).data?.signActionList.status).toBe('OPEN_FOR_SIGNING');
    const again = await statementFor(svb, versionId, 'APPROVE');
    const last = await approve(svb, versionId);
    expect(last.errors).toBeUndefined();
    expect(last.data?.signActionList.status).toBe('FINAL');
    // Signing twice: CONFLICT (the version is final now).
    expect(await code(svb.username, SIGN, { v: versionId, s: again, j: await signText(svb, again) })).toBe('CONFLICT');

    const { verifyActionList } = await ok<{ verifyActionList: { ok: boolean; contentHashMatches: boolean; checkpointSignatureValid: boolean; signatures: Array<{ valid: boolean; keyStatusAtSigning: string; inclusionVerified: boolean; logIndex: number }> } }>(
      'secretaris@svb.demo',
      `query ($v: ID!) { verifyActionList(versionId: $v) { ok contentHashMatches checkpointSignatureValid signatures { valid keyStatusAtSigning inclusionVerified logIndex } } }`,
      { v: versionId },
    );
    expect(verifyActionList.ok).toBe(true);
    expect(verifyActionList.signatures).toHaveLength(3);
    for (const s of verifyActionList.signatures) expect(s).toMatchObject({ valid: true, keyStatusAtSigning: 'VALID', inclusionVerified: true });

    const { actionList } = await ok<{ actionList: { finalVersion: { id: string; items: Array<{ id: string; status: string }> } } }>(
      'secretaris@uwv.demo',
      `query ($id: ID!) { actionList(id: $id) { finalVersion { id items { id status } } } }`,
      { id: listId },
    );
    expect(actionList.finalVersion.id).toBe(versionId);
    expect(actionList.finalVersion.items.map((i) => i.status)).toEqual(['OPEN', 'OPEN']);
  });

  it('exports an evidence bundle that passes verifyEvidenceBundle and the schakel-verify CLI; a tampered one fails both', async () => {
    const { actionListEvidence } = await ok<{ actionListEvidence: string }>('secretaris@svb.demo', `query ($v: ID!) { actionListEvidence(versionId: $v) }`, { v: versionId });
    const bundle = JSON.parse(actionListEvidence) as { status: string; content: { title: string }; signatures: unknown[] };
    expect(bundle.status).toBe('FINAL');
    expect(bundle.signatures).toHaveLength(3);
    const report = await verifyEvidenceBundle(bundle);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);

    const tampered = { ...bundle, content: { ...bundle.content, title: `${bundle.content.title}.` } };
    expect((await verifyEvidenceBundle(tampered)).ok).toBe(false);

    const dir = await mkdtemp(join(tmpdir(), 'schakel-bundle-'));
    try {
      const good = join(dir, 'bundel.json');
      const bad = join(dir, 'vervalst.json');
      await writeFile(good, actionListEvidence);
      await writeFile(bad, JSON.stringify(tampered));
      const cli = join(__dirname, '..', 'tools', 'schakel-verify', 'bin', 'schakel-verify.cjs');
      const run = promisify(execFile);
      await expect(run(process.execPath, [cli, good])).resolves.toMatchObject({ stdout: expect.any(String) });
      await expect(run(process.execPath, [cli, bad])).rejects.toMatchObject({ code: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('makes the agreements of the FINAL version the response norm for new handoffs to UWV', async () => {
    const source = `actielijst:${listId}:v1`;
    const norm = await stack!.api.get(ResponseNormProvider).normFor({ receiverOrganisationId: orgs.uwv, topic: 'WERK', urgency: 'NORMAAL' });
    expect(norm).toEqual({ acceptAmount: 1, acceptUnit: 'WORKING_DAYS', contactAmount: 1, contactUnit: 'WORKING_DAYS', source });
    // An acute referral keeps the platform's hours; SVB has no agreement and keeps the default.
    expect((await stack!.api.get(ResponseNormProvider).normFor({ receiverOrganisationId: orgs.uwv, topic: 'WERK', urgency: 'ACUUT' })).acceptUnit).toBe('HOURS');
    expect((await stack!.api.get(ResponseNormProvider).normFor({ receiverOrganisationId: orgs.svb, topic: 'WERK', urgency: 'NORMAAL' })).source).not.toMatch(/^actielijst:/);

    worker = await stack!.startWorker();
    const { createReferral } = await ok<{ createReferral: { currentHandoff: { id: string } } }>(
      'balie@tilburg.demo',
      `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { currentHandoff { id } } }`,
      { input: { citizen: { bsn: '111222333', name: 'Afspraak Test' }, toOrganisationId: orgs.uwv, topic: 'WERK', summary: 'Werk zoeken.', consent: { given: true, method: 'MONDELING' } } },
    );
    const handoff = await eventually(async () => {
      const { rows } = await stack!.owner.query<{ requested_at: Date; accept_due_at: Date | null }>(`SELECT requested_at, accept_due_at FROM handoffs WHERE id = $1`, [createReferral.currentHandoff.id]);
      return rows[0]?.accept_due_at ? rows[0] : undefined;
    });
    expect(handoff.accept_due_at).toEqual(addWorkingDays(handoff.requested_at, 1, { goodFridayIsHoliday: false }));
  });

  it('lets the item owner update its status after FINAL, nobody else', async () => {
    const UPDATE = `mutation ($v: ID!, $i: String!, $s: ActionItemStatus!) { updateActionItemStatus(versionId: $v, itemId: $i, status: $s) { status } }`;
    expect((await ok<{ updateActionItemStatus: { status: string } }>('secretaris@tilburg.demo', UPDATE, { v: versionId, i: 'loket', s: 'IN_PROGRESS' })).updateActionItemStatus.status).toBe('IN_PROGRESS');
    expect(await code('secretaris@uwv.demo', UPDATE, { v: versionId, i: 'loket', s: 'DONE' })).toBe('FORBIDDEN');
  });

  it('answers checkpoint, inclusion and consistency proofs', async () => {
    const { transparencyCheckpoint } = await ok<{ transparencyCheckpoint: { treeSize: number; rootHash: string; jws: string } }>('secretaris@svb.demo', `{ transparencyCheckpoint { treeSize rootHash jws } }`);
    expect(transparencyCheckpoint.treeSize).toBeGreaterThan(5);
    const { transparencyInclusionProof } = await ok<{ transparencyInclusionProof: { rootHash: string; proof: string[] } }>(
      'secretaris@svb.demo',
      `query ($i: Int!, $t: Int!) { transparencyInclusionProof(index: $i, treeSize: $t) { rootHash proof } }`,
      { i: 0, t: transparencyCheckpoint.treeSize },
    );
    expect(transparencyInclusionProof.rootHash).toBe(transparencyCheckpoint.rootHash);
    const { transparencyConsistencyProof } = await ok<{ transparencyConsistencyProof: { toRootHash: string } }>(
      'secretaris@svb.demo',
      `query ($f: Int!, $t: Int!) { transparencyConsistencyProof(from: $f, to: $t) { toRootHash } }`,
      { f: 1, t: transparencyCheckpoint.treeSize },
    );
    expect(transparencyConsistencyProof.toRootHash).toBe(transparencyCheckpoint.rootHash);
  });

  it('refuses a superseded version with CONFLICT and never carries signatures over', async () => {
    const AMEND = `mutation ($l: ID!) { amendActionList(listId: $l) { ${VERSION_FIELDS} } }`;
    const { amendActionList: v2 } = await ok<{ amendActionList: { id: string; version: number; status: string; previousVersionHash: string; signatures: unknown[] } }>('secretaris@tilburg.demo', AMEND, { l: listId });
    expect(v2).toMatchObject({ version: 2, status: 'DRAFT', signatures: [] });
    await open('secretaris@tilburg.demo', v2.id);
    const staleStatement = await statementFor(uwv, v2.id, 'APPROVE');
    const { amendActionList: v3 } = await ok<{ amendActionList: { id: string; version: number } }>('secretaris@tilburg.demo', AMEND, { l: listId });
    expect(v3.version).toBe(3);
    expect(await code(uwv.username, SIGN, { v: v2.id, s: staleStatement, j: await signText(uwv, staleStatement) })).toBe('CONFLICT');
    // v1 is still FINAL: its agreements keep applying until a later version is FINAL.
    const { actionListVersion } = await ok<{ actionListVersion: { status: string } }>(uwv.username, `query ($id: ID!) { actionListVersion(id: $id) { status } }`, { id: versionId });
    expect(actionListVersion.status).toBe('FINAL');
  });

  it('ends a version on a signed DECLINE with reason', async () => {
    const { versionId: declined } = await createList('secretaris@tilburg.demo', ['svb']);
    await open('secretaris@tilburg.demo', declined);
    const reason = 'De termijnen zijn voor ons niet haalbaar.';
    const statement = await statementFor(svb, declined, 'DECLINE', reason);
    const late = await statementFor(tilburg, declined, 'APPROVE');
    const res = await ok<{ declineActionList: { status: string; signatures: Array<{ intent: string }> } }>(
      svb.username,
      `mutation ($v: ID!, $s: String!, $j: String!, $r: String!) { declineActionList(versionId: $v, statement: $s, jws: $j, reason: $r) { status signatures { intent } } }`,
      { v: declined, s: statement, j: await signText(svb, statement), r: reason },
    );
    expect(res.declineActionList).toEqual({ status: 'DECLINED', signatures: [{ intent: 'DECLINE' }] });
    expect(await code(tilburg.username, SIGN, { v: declined, s: late, j: await signText(tilburg, late) })).toBe('CONFLICT');
  });

  describe('the app database role', () => {
    let app: Client;

    beforeAll(async () => {
      app = new Client({ connectionString: env.appUrl });
      await app.connect();
    });

    afterAll(async () => {
      await app.end();
    });

    const asTilburg = async (sql: string, params: unknown[] = []): Promise<string> => {
      await app.query('BEGIN');
      try {
        await app.query(`SELECT set_config('app.organisation_id', $1, true)`, [orgs.tilburg]);
        await app.query(sql, params);
        return 'allowed';
      } catch (error) {
        return (error as Error).message;
      } finally {
        await app.query('ROLLBACK');
      }
    };

    it('cannot change or delete signed versions, signatures, the log, checkpoints or keys', async () => {
      const refused = [
        [`UPDATE action_list_versions SET content = jsonb_set(content, '{title}', '"Anders"') WHERE id = $1`, [versionId]],
        [`UPDATE action_list_versions SET status = 'DRAFT' WHERE id = $1`, [versionId]],
        [`DELETE FROM action_list_versions WHERE id = $1`, [versionId]],
        [`UPDATE action_list_signatures SET reason = 'x' WHERE version_id = $1`, [versionId]],
        [`DELETE FROM action_list_signatures WHERE version_id = $1`, [versionId]],
        [`UPDATE transparency_log SET leaf_hash = leaf_hash WHERE idx = 0`, []],
        [`DELETE FROM transparency_log WHERE idx = 0`, []],
        [`UPDATE transparency_checkpoints SET jws = jws`, []],
        [`DELETE FROM transparency_checkpoints`, []],
        [`TRUNCATE transparency_log`, []],
        [`UPDATE signing_keys SET jwk = jwk WHERE kid = $1`, [tilburg.kid]],
        [`DELETE FROM signing_keys WHERE kid = $1`, [tilburg.kid]],
      ] as const;
      for (const [sql, params] of refused) {
        const outcome = await asTilburg(sql, [...params]);
        expect({ sql, outcome }).toEqual({ sql, outcome: expect.stringMatching(/permission denied|append-only|not allowed|content is fixed|delete refused|revocation/) });
      }
    });
  });

  it('notices a one-character change in stored content or in a stored statement', async () => {
    const VERIFY = `query ($v: ID!) { verifyActionList(versionId: $v) { ok contentHashMatches signatures { valid } } }`;
    const owner = stack!.owner;
    // Only a superuser bypassing the triggers can do this: the verification must still see it.
    await owner.query('BEGIN');
    await owner.query(`SET LOCAL session_replication_role = replica`);
    await owner.query(`UPDATE action_list_versions SET content = jsonb_set(content, '{title}', to_jsonb((content->>'title') || '!')) WHERE id = $1`, [versionId]);
    await owner.query('COMMIT');
    const changedContent = await ok<{ verifyActionList: { ok: boolean; contentHashMatches: boolean; signatures: Array<{ valid: boolean }> } }>(uwv.username, VERIFY, { v: versionId });
    expect(changedContent.verifyActionList.ok).toBe(false);
    expect(changedContent.verifyActionList.contentHashMatches).toBe(false);
    expect(changedContent.verifyActionList.signatures.every((s) => !s.valid)).toBe(true);

    await owner.query('BEGIN');
    await owner.query(`SET LOCAL session_replication_role = replica`);
    await owner.query(`UPDATE action_list_versions SET content = jsonb_set(content, '{title}', to_jsonb(left(content->>'title', -1))) WHERE id = $1`, [versionId]);
    await owner.query(`UPDATE action_list_signatures SET statement = jsonb_set(statement, '{version}', '2') WHERE version_id = $1 AND organisation_id = $2`, [versionId, orgs.uwv]);
    await owner.query('COMMIT');
    const changedStatement = await ok<{ verifyActionList: { ok: boolean; contentHashMatches: boolean; signatures: Array<{ valid: boolean }> } }>(uwv.username, VERIFY, { v: versionId });
    expect(changedStatement.verifyActionList.contentHashMatches).toBe(true);
    expect(changedStatement.verifyActionList.ok).toBe(false);
    expect(changedStatement.verifyActionList.signatures.filter((s) => !s.valid)).toHaveLength(1);

    await owner.query('BEGIN');
    await owner.query(`SET LOCAL session_replication_role = replica`);
    await owner.query(`UPDATE action_list_signatures SET statement = jsonb_set(statement, '{version}', '1') WHERE version_id = $1 AND organisation_id = $2`, [versionId, orgs.uwv]);
    await owner.query('COMMIT');
    expect((await ok<{ verifyActionList: { ok: boolean } }>(uwv.username, VERIFY, { v: versionId })).verifyActionList.ok).toBe(true);
  });

  it('hands out log indices without gaps under concurrent signing and key registration', async () => {
    const parties = ['uwv', 'svb', 'enschede', 'belastingdienst', 'sittard-geleen'];
    const { versionId: busy } = await createList('secretaris@tilburg.demo', parties);
    await open('secretaris@tilburg.demo', busy);
    const signers = [tilburg, uwv, svb, ...(await Promise.all(['secretaris@enschede.demo', 'secretaris@belastingdienst.demo', 'secretaris@sittard-geleen.demo'].map((u) => newSigner(u))))];
    const prepared = await Promise.all(signers.map(async (s) => ({ s, statement: await statementFor(s, busy, 'APPROVE') })));
    const results = await Promise.all([
      ...prepared.map(async ({ s, statement }) => gql<{ signActionList: { status: string } }>(s.username, SIGN, { v: busy, s: statement, j: await signText(s, statement) })),
      ...[1, 2, 3].map(() => newSigner('secretaris@uwv.demo')),
    ]);
    for (const r of results.slice(0, prepared.length)) expect((r as { errors?: unknown }).errors).toBeUndefined();
    const { actionListVersion } = await ok<{ actionListVersion: { status: string; signatures: unknown[] } }>(uwv.username, `query ($id: ID!) { actionListVersion(id: $id) { status signatures { kid } } }`, { id: busy });
    expect(actionListVersion).toMatchObject({ status: 'FINAL' });
    expect(actionListVersion.signatures).toHaveLength(6);

    const owner = stack!.owner;
    const { rows } = await owner.query<{ idx: string }>(`SELECT idx FROM transparency_log ORDER BY idx`);
    expect(rows.map((r) => Number(r.idx))).toEqual(rows.map((_r, i) => i));
    const finalised = await owner.query(`SELECT 1 FROM transparency_log WHERE entry->>'type' = 'FINALISED' AND entry->>'listId' = (SELECT list_id::text FROM action_list_versions WHERE id = $1)`, [busy]);
    expect(finalised.rowCount).toBe(1);
    const { rows: head } = await owner.query<{ tree_size: string }>(`SELECT max(tree_size) AS tree_size FROM transparency_checkpoints`);
    expect(Number(head[0].tree_size)).toBe(rows.length);
  });

  it('reminds a party that has not signed after 5 working days and the owner of a due or overdue item, once, found again from PostgreSQL after Redis lost everything', async () => {
    const owner = stack!.owner;
    const { versionId: waiting } = await createList('secretaris@tilburg.demo', ['svb']);
    await open('secretaris@tilburg.demo', waiting);
    // Time passes: opened 10 calendar days ago (more than 5 working days, holidays or not); the
    // FINAL list's 'loket' item (Tilburg's) was due yesterday. Only the owner role, bypassing the
    // triggers, can move these dates.
    await owner.query('BEGIN');
    await owner.query(`SET LOCAL session_replication_role = replica`);
    await owner.query(`UPDATE action_list_versions SET opened_at = now() - interval '10 days' WHERE id = $1`, [waiting]);
    await owner.query(`UPDATE action_list_item_statuses SET due_date = current_date - 1, status = 'OPEN' WHERE version_id = $1 AND item_id = 'loket'`, [versionId]);
    await owner.query('COMMIT');

    const due = await worker!.get(ActionListReminders).dueFor(orgs.svb);
    expect(due.filter((r) => r.versionId === waiting)).toEqual([{ kind: 'SIGN', versionId: waiting, listId: expect.any(String), organisationId: orgs.svb, itemId: '' }]);
    // Tilburg signed nothing on `waiting`? It is the owner but has not signed either: it is reminded too.
    expect((await worker!.get(ActionListReminders).dueFor(orgs.tilburg)).map((r) => r.kind).sort()).toEqual(expect.arrayContaining(['ITEM_OVERDUE', 'SIGN']));

    // Redis loses everything; the scan rebuilds the work from PostgreSQL.
    await deleteKeys(currentTestEnvironment().redisUrl, `${env.redisPrefix}:action-lists*`);
    const scan = worker!.get(ActionListReminderScan);
    expect(await scan.scan()).toBeGreaterThanOrEqual(3);
    const sent = await eventually(async () => {
      const { rows } = await owner.query<{ kind: string; organisation_id: string }>(`SELECT kind, organisation_id FROM action_list_reminders ORDER BY kind`);
      return rows.length >= 3 ? rows : undefined;
    });
    expect(sent).toEqual(
      expect.arrayContaining([
        { kind: 'ITEM_OVERDUE', organisation_id: orgs.tilburg },
        { kind: 'SIGN', organisation_id: orgs.svb },
        { kind: 'SIGN', organisation_id: orgs.tilburg },
      ]),
    );
    const outbox = await owner.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM outbox WHERE topic = 'action-list.reminder'`);
    expect(outbox.rows.length).toBe(sent.length);
    // Ids only in the payload.
    for (const { payload } of outbox.rows) expect(Object.keys(payload).sort()).toEqual(['itemId', 'kind', 'listId', 'organisationId', 'versionId']);
    // The worker turns each reminder into a notification for the organisation's secretarissen.
    const notified = await eventually(async () => {
      const { rows } = await owner.query<{ username: string; message: string }>(
        `SELECT e.username, n.message FROM notifications n JOIN employees e ON e.id = n.recipient_id WHERE n.type = 'ACTION_LIST_REMINDER'`,
      );
      return rows.some((r) => r.username === 'secretaris@svb.demo') && rows.some((r) => r.username === 'secretaris@tilburg.demo') ? rows : undefined;
    });
    expect(notified.filter((n) => n.username === 'secretaris@svb.demo').map((n) => n.message)).toEqual([
      'Herinnering: een actielijst wacht al 5 werkdagen op de ondertekening van uw organisatie.',
    ]);
    // Sent once: a later scan finds nothing left to remind.
    await deleteKeys(currentTestEnvironment().redisUrl, `${env.redisPrefix}:action-lists*`);
    expect(await scan.scan()).toBe(0);
  });

  it('lets a partner system with action-lists:sign sign for its organisation, not one with action-lists:read only', async () => {
    tokens['uwv-system'] = await api.clientToken('uwv-system', 'dev-secret-uwv-system', 'action-lists:read action-lists:sign');
    tokens['uwv-reader'] = await api.clientToken('uwv-system', 'dev-secret-uwv-system', 'action-lists:read');
    const system = await newSigner('uwv-system', 'ES256');
    const { versionId: machineList } = await createList('secretaris@tilburg.demo', ['uwv']);
    await open('secretaris@tilburg.demo', machineList);
    const statement = await statementFor(system, machineList, 'APPROVE');
    expect(JSON.parse(statement).signer).toEqual({ organisationOin: '00000099100000001000', clientId: expect.any(String), kid: system.kid });
    const jws = await signText(system, statement);
    expect(await code('uwv-reader', SIGN, { v: machineList, s: statement, j: jws })).toBe('FORBIDDEN');
    const signed = await ok<{ signActionList: { signatures: Array<{ organisationId: string }> } }>('uwv-system', SIGN, { v: machineList, s: statement, j: jws });
    expect(signed.signActionList.signatures).toEqual([expect.objectContaining({ organisationId: orgs.uwv })]);
    // Drafting is people's work.
    expect(await code('uwv-system', `mutation ($l: ID!) { amendActionList(listId: $l) { id } }`, { l: listId })).toBe('FORBIDDEN');
  });

  it('replaces the agreements of the previous final version once an amended version is FINAL', async () => {
    const { actionList } = await ok<{ actionList: { latestVersion: { id: string; version: number; status: string } } }>(
      'secretaris@tilburg.demo',
      `query ($id: ID!) { actionList(id: $id) { latestVersion { id version status } } }`,
      { id: listId },
    );
    expect(actionList.latestVersion).toMatchObject({ version: 3, status: 'DRAFT' });
    const v3 = actionList.latestVersion.id;
    await ok('beleid@tilburg.demo', `mutation ($v: ID!, $i: ActionListDraftInput!) { updateActionListDraft(versionId: $v, input: $i) { id } }`, {
      v: v3,
      i: {
        title: 'Samen één loket (herzien)',
        partyOrganisationIds: [orgs.uwv, orgs.svb],
        agreements: [{ receivingOrganisationId: orgs.uwv, topic: 'WERK', acceptWithinWorkingDays: 4, firstContactWithinWorkingDays: 6 }],
      },
    });
    await open('secretaris@tilburg.demo', v3);
    for (const signer of [tilburg, uwv, svb]) expect((await approve(signer, v3)).errors).toBeUndefined();
    const statuses = await ok<{ actionList: { versions: Array<{ version: number; status: string; previousVersionHash: string | null }> } }>(
      'secretaris@svb.demo',
      `query ($id: ID!) { actionList(id: $id) { versions { version status previousVersionHash } } }`,
      { id: listId },
    );
    expect(statuses.actionList.versions.map((v) => [v.version, v.status])).toEqual([[1, 'SUPERSEDED'], [2, 'SUPERSEDED'], [3, 'FINAL']]);
    // A fresh provider: the API's own one may still hold v1's norm for up to 30 s (documented).
    const norms = new TableResponseNorms(stack!.api.get(DataSource));
    expect(await norms.normFor({ receiverOrganisationId: orgs.uwv, topic: 'WERK', urgency: 'NORMAAL' })).toEqual({
      acceptAmount: 4,
      acceptUnit: 'WORKING_DAYS',
      contactAmount: 6,
      contactUnit: 'WORKING_DAYS',
      source: `actielijst:${listId}:v3`,
    });
    // v3 has no agreement for other topics and v1 no longer applies: the defaults are back.
    expect((await norms.normFor({ receiverOrganisationId: orgs.uwv, topic: 'ZORG', urgency: 'NORMAAL' })).source).not.toMatch(/^actielijst:/);
  });
});
