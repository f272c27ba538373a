// Builds a real, signed evidence bundle in memory (Tilburg with Ed25519, UWV with P-256, SVB with
// Ed25519, a platform Ed25519 key and a log with unrelated entries around ours). For specs only.
import { exportJWK, generateKeyPair } from 'jose';
import { contentHash } from '../canonical-json';
import { assembleEvidenceBundle } from '../evidence-bundle';
import { jwkThumbprint, parsePublicJwk } from '../jwk';
import { signStatement } from '../statement';
import { logEntryLeafHash, signatureLogEntry, signCheckpoint } from '../transparency-log';
import { merkleRoot } from '../merkle';
import { toHex } from '../bytes';
import type {
  ActionListContent,
  EvidenceBundle,
  EvidenceSignature,
  LogEntry,
  SignatureStatement,
  SigningAlgorithm,
} from '../types';

export const PARTIES = [
  { organisationId: 'org-tilburg', oin: '00000001001172773000', name: 'Gemeente Tilburg', alg: 'EdDSA' },
  { organisationId: 'org-uwv', oin: '00000001804770694000', name: 'UWV', alg: 'ES256' },
  { organisationId: 'org-svb', oin: '00000001002220647000', name: 'SVB', alg: 'EdDSA' },
] as const satisfies readonly { organisationId: string; oin: string; name: string; alg: SigningAlgorithm }[];

export const CONTENT: ActionListContent = {
  title: 'Eén loket voor inkomen en werk',
  description: 'Afspraken over warme overdracht tussen Tilburg, UWV en SVB.',
  parties: PARTIES.map(({ organisationId, oin, name }) => ({ organisationId, oin, name })),
  items: [
    { id: 'item-1', position: 1, description: 'Eén contactpersoon per organisatie', ownerOrganisationId: 'org-tilburg', dueDate: '2027-02-01' },
    { id: 'item-2', position: 2, description: 'Gezamenlijk spreekuur', ownerOrganisationId: 'org-uwv', dueDate: null },
  ],
  agreements: [
    { receivingOrganisationId: 'org-uwv', topic: null, acceptWithinWorkingDays: 2, firstContactWithinWorkingDays: 5 },
    { receivingOrganisationId: 'org-svb', topic: 'AOW', acceptWithinWorkingDays: 3, firstContactWithinWorkingDays: 10 },
  ],
};

export interface FixtureOptions {
  /** Leave these parties (by index) without a signature. */
  unsignedParties?: number[];
  /** Party index whose statement is a DECLINE. */
  declineBy?: number;
  /** Party index whose key is revoked (and logged as such) after everything was signed. */
  revokeKeyOf?: number;
  /** Record this party's SIGNED entry as received by the platform at this minute past 09:00. */
  loggedAt?: { party: number; minute: number };
}

export async function buildSignedBundle(options: FixtureOptions = {}): Promise<EvidenceBundle> {
  const listId = 'list-0001';
  const version = 1;
  const hash = contentHash(CONTENT);
  const entries: LogEntry[] = [];
  const ours: { index: number; entry: LogEntry }[] = [];
  const append = (entry: LogEntry, mine: boolean): void => {
    entries.push(entry);
    if (mine) ours.push({ index: entries.length - 1, entry });
  };
  const at = (minute: number): string => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();

  // Someone else's list, opened before ours: the log is shared.
  append({ type: 'OPENED', listId: 'list-other', version: 3, contentHash: 'ab'.repeat(32), previousVersionHash: 'cd'.repeat(32), at: at(0) }, false);

  const signatures: EvidenceSignature[] = [];
  const keys = [];
  for (const [i, party] of PARTIES.entries()) {
    const { privateKey, publicKey } = await generateKeyPair(party.alg, { extractable: false });
    const jwk = parsePublicJwk(await exportJWK(publicKey));
    const kid = await jwkThumbprint(jwk);
    const validFrom = at(1 + i);
    keys.push({ privateKey, jwk, kid, validFrom });
    append({ type: 'KEY_REGISTERED', kid, organisationOin: party.oin, employeeId: `emp-${i}`, jwk, validFrom, at: validFrom }, true);
  }
  append({ type: 'OPENED', listId, version, contentHash: hash, previousVersionHash: null, at: at(10) }, true);

  for (const [i, party] of PARTIES.entries()) {
    if (options.unsignedParties?.includes(i)) continue;
    const key = keys[i];
    const decline = options.declineBy === i;
    const statement: SignatureStatement = {
      listId,
      version,
      contentHash: hash,
      intent: decline ? 'DECLINE' : 'APPROVE',
      signer: { organisationOin: party.oin, employeeId: `emp-${i}`, kid: key.kid },
      signedAt: at(20 + i),
      ...(decline ? { reason: 'De termijn van twee werkdagen is voor ons niet haalbaar.' } : {}),
    };
    const jws = await signStatement(statement, key.privateKey, party.alg);
    signatures.push({ statement, jws, signerKey: { jwk: key.jwk, kid: key.kid, validFrom: key.validFrom, revokedAt: null } });
    const loggedMinute = options.loggedAt?.party === i ? options.loggedAt.minute : 20 + i;
    append(signatureLogEntry(statement, at(loggedMinute)), true);
    append({ type: 'OPENED', listId: 'list-other', version: 4 + i, contentHash: 'ef'.repeat(32), previousVersionHash: null, at: at(20 + i) }, false);
  }

  const allSigned = (options.unsignedParties ?? []).length === 0 && options.declineBy === undefined;
  if (allSigned) append({ type: 'FINALISED', listId, version, contentHash: hash, at: at(30) }, true);
  if (options.revokeKeyOf !== undefined) {
    const party = PARTIES[options.revokeKeyOf];
    const key = keys[options.revokeKeyOf];
    append({ type: 'KEY_REVOKED', kid: key.kid, organisationOin: party.oin, revokedAt: at(30), at: at(30) }, true);
    for (const s of signatures) if (s.signerKey.kid === key.kid) s.signerKey.revokedAt = at(30);
  }

  const platform = await generateKeyPair('EdDSA', { extractable: false });
  const platformKey = parsePublicJwk(await exportJWK(platform.publicKey));
  const leafHashes = entries.map(logEntryLeafHash);
  const checkpoint = await signCheckpoint(
    { logId: 'schakel-action-lists', treeSize: entries.length, rootHash: toHex(merkleRoot(leafHashes)), timestamp: at(31) },
    platform.privateKey,
    await jwkThumbprint(platformKey),
  );

  return assembleEvidenceBundle({
    listId,
    version,
    status: allSigned ? 'FINAL' : options.declineBy !== undefined ? 'DECLINED' : 'OPEN_FOR_SIGNING',
    content: CONTENT,
    previousVersionHash: null,
    signatures,
    entries: ours,
    leafHashes,
    checkpoint,
    platformKey,
    exportedAt: at(40),
  });
}
