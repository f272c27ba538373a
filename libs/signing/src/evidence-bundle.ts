// Evidence bundles: everything needed to check one version of an action list without Schakel's
// database or network. verifyEvidenceBundle runs in Node and in the browser; it never throws on
// bad input, it reports what holds and what broke, each check with a Dutch (B1) message.
import { fromHex, toHex } from './bytes';
import { contentHash } from './canonical-json';
import { jwkThumbprint, parsePublicJwk } from './jwk';
import { JwsError } from './jws';
import { inclusionProof, verifyInclusion } from './merkle';
import { statementHash, verifyStatementSignature } from './statement';
import { logEntryLeafHash, verifyCheckpoint } from './transparency-log';
import type {
  ActionListContent,
  EvidenceBundle,
  EvidenceLogEntry,
  EvidenceSignature,
  EvidenceVersionStatus,
  LogEntry,
  LogEntryType,
  PublicJwk,
  SignedCheckpoint,
  VerificationCheck,
  VerificationReport,
} from './types';

export type {
  EvidenceBundle,
  EvidenceLogEntry,
  EvidenceSignature,
  EvidenceSignerKey,
  EvidenceVersionStatus,
  VerificationCheck,
  VerificationReport,
} from './types';

export interface AssembleEvidenceBundleInput {
  listId: string;
  version: number;
  status: EvidenceVersionStatus;
  content: ActionListContent;
  previousVersionHash: string | null;
  signatures: EvidenceSignature[];
  /** The log entries that concern this version and its signers' keys, with their log indexes. */
  entries: { index: number; entry: LogEntry }[];
  /** Leaf hashes of the log's first `checkpoint.checkpoint.treeSize` entries, in order. */
  leafHashes: readonly Uint8Array[];
  checkpoint: SignedCheckpoint;
  platformKey: PublicJwk;
  exportedAt: string;
}

/** Builds a bundle: recomputes the content hash and an inclusion proof per entry against the checkpoint. */
export function assembleEvidenceBundle(input: AssembleEvidenceBundleInput): EvidenceBundle {
  const treeSize = input.checkpoint.checkpoint.treeSize;
  return {
    format: 'schakel-evidence-bundle',
    bundleVersion: 1,
    listId: input.listId,
    version: input.version,
    status: input.status,
    content: input.content,
    contentHash: contentHash(input.content),
    previousVersionHash: input.previousVersionHash,
    signatures: input.signatures,
    logEntries: input.entries.map(({ index, entry }) => ({
      index,
      entry,
      inclusionProof: inclusionProof(index, input.leafHashes, treeSize).map(toHex),
    })),
    checkpoint: input.checkpoint,
    platformKey: input.platformKey,
    exportedAt: input.exportedAt,
  };
}

export interface VerifyOptions {
  /** The platform key's thumbprint as published by Schakel; when given, the bundle's key must match. */
  expectedPlatformKid?: string;
}

const TYPE_NL: Record<LogEntryType, string> = {
  OPENED: 'opengesteld voor ondertekening',
  SIGNED: 'ondertekend',
  DECLINED: 'afgewezen',
  FINALISED: 'definitief vastgesteld',
  KEY_REGISTERED: 'sleutel geregistreerd',
  KEY_REVOKED: 'sleutel ingetrokken',
};

const short = (hash: string): string => `${hash.slice(0, 8)}…${hash.slice(-8)}`;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Just enough shape to run the other checks without crashing; the checks themselves do the rest. */
function shapeProblem(b: unknown): string | null {
  if (!isRecord(b)) return 'het is geen JSON-object';
  if (b.format !== 'schakel-evidence-bundle' || b.bundleVersion !== 1) return 'het formaat is niet "schakel-evidence-bundle" versie 1';
  if (typeof b.listId !== 'string' || !Number.isSafeInteger(b.version)) return 'de lijst of het versienummer ontbreekt';
  if (!['OPEN_FOR_SIGNING', 'FINAL', 'DECLINED', 'SUPERSEDED'].includes(b.status as string)) return 'de status is onbekend';
  const content = b.content;
  if (!isRecord(content) || !Array.isArray(content.parties)) return 'de inhoud of de lijst van partijen ontbreekt';
  if (!content.parties.every((p: unknown) => isRecord(p) && typeof p.oin === 'string' && typeof p.name === 'string')) {
    return 'een partij heeft geen OIN of naam';
  }
  if (typeof b.contentHash !== 'string') return 'de vingerafdruk van de inhoud ontbreekt';
  if (!Array.isArray(b.signatures) || !b.signatures.every(isSignatureShape)) return 'de handtekeningen zijn onvolledig';
  if (!Array.isArray(b.logEntries) || !b.logEntries.every(isLogEntryShape)) return 'de gebeurtenissen uit het logboek zijn onvolledig';
  const cp = b.checkpoint;
  if (!isRecord(cp) || !isRecord(cp.checkpoint) || typeof cp.jws !== 'string') return 'het controlepunt van het logboek ontbreekt';
  if (!Number.isSafeInteger(cp.checkpoint.treeSize) || typeof cp.checkpoint.rootHash !== 'string') {
    return 'het controlepunt heeft geen grootte of wortel';
  }
  if (!isRecord(b.platformKey)) return 'de sleutel van het platform ontbreekt';
  return null;
}

function isSignatureShape(s: unknown): boolean {
  if (!isRecord(s) || typeof s.jws !== 'string' || !isRecord(s.statement) || !isRecord(s.signerKey)) return false;
  return isRecord(s.statement.signer) && isRecord(s.signerKey.jwk) && typeof s.signerKey.kid === 'string';
}

function isLogEntryShape(e: unknown): boolean {
  return (
    isRecord(e) &&
    Number.isSafeInteger(e.index) &&
    isRecord(e.entry) &&
    typeof e.entry.type === 'string' &&
    Array.isArray(e.inclusionProof) &&
    e.inclusionProof.every((h) => typeof h === 'string')
  );
}

const instant = (s: unknown): number => (typeof s === 'string' ? Date.parse(s) : NaN);

/**
 * Checks a bundle completely: content hash, each statement against the content, each JWS, each
 * kid against its key, each key's validity at signing time, each entry's inclusion in the
 * checkpoint's tree, the checkpoint's signature, and that the claimed status follows (FINAL: an
 * APPROVE from every party and a FINALISED entry; DECLINED: a DECLINE).
 */
export async function verifyEvidenceBundle(input: unknown, options: VerifyOptions = {}): Promise<VerificationReport> {
  const checks: VerificationCheck[] = [];
  const add = (ok: boolean, code: string, messageNl: string, subject?: string): boolean => {
    checks.push(subject === undefined ? { ok, code, messageNl } : { ok, code, messageNl, subject });
    return ok;
  };

  const problem = shapeProblem(input);
  if (problem !== null) {
    add(false, 'BUNDLE_FORMAT', `Dit bestand is geen bruikbare bewijsbundel: ${problem}.`);
    return { ok: false, checks };
  }
  const bundle = input as EvidenceBundle;
  add(true, 'BUNDLE_FORMAT', `Dit is een bewijsbundel van Schakel voor versie ${bundle.version} van een actielijst.`);

  // 1. The content.
  let recomputed: string | null = null;
  try {
    recomputed = contentHash(bundle.content);
  } catch {
    // Not canonicalisable (e.g. a lone surrogate): cannot have been signed as is.
  }
  const contentOk = add(
    recomputed === bundle.contentHash,
    'CONTENT_HASH',
    recomputed === bundle.contentHash
      ? `De inhoud is niet veranderd: de vingerafdruk klopt (${short(bundle.contentHash)}).`
      : 'De inhoud is veranderd: de vingerafdruk van de inhoud klopt niet met de vingerafdruk in de bundel.',
  );

  // 2. The platform key and checkpoint: everything in the log hangs on them.
  const treeSize = bundle.checkpoint.checkpoint.treeSize;
  // Stays null unless the platform's signature holds: no entry counts as logged without it.
  let rootHash: Uint8Array | null = null;
  try {
    const platformKey = parsePublicJwk(bundle.platformKey);
    const kid = await jwkThumbprint(platformKey);
    if (options.expectedPlatformKid !== undefined) {
      add(
        kid === options.expectedPlatformKid,
        'PLATFORM_KEY_PINNED',
        kid === options.expectedPlatformKid
          ? `De sleutel van het platform is de sleutel die u opgaf (${kid}).`
          : `De sleutel van het platform in de bundel (${kid}) is niet de sleutel die u opgaf.`,
      );
    }
    await verifyCheckpoint(bundle.checkpoint, platformKey);
    rootHash = fromHex(bundle.checkpoint.checkpoint.rootHash);
    add(
      true,
      'CHECKPOINT_SIGNATURE',
      `Het platform heeft het logboek ondertekend: ${treeSize} gebeurtenissen op ${bundle.checkpoint.checkpoint.timestamp} (sleutel ${kid}).`,
    );
  } catch (error) {
    const why = error instanceof JwsError && error.reason === 'BAD_SIGNATURE' ? 'de handtekening klopt niet' : 'de sleutel of het controlepunt is ongeldig';
    add(false, 'CHECKPOINT_SIGNATURE', `De handtekening van het platform onder het logboek klopt niet: ${why}.`);
  }

  // 3. Log entries: each must be a leaf of the signed tree.
  const includedEntries: EvidenceLogEntry[] = [];
  for (const logEntry of bundle.logEntries) {
    const subject = `logboek #${logEntry.index}`;
    const label = TYPE_NL[logEntry.entry.type as LogEntryType] ?? 'onbekend soort gebeurtenis';
    let included = false;
    try {
      included =
        rootHash !== null &&
        verifyInclusion(logEntryLeafHash(logEntry.entry), logEntry.index, treeSize, logEntry.inclusionProof.map(fromHex), rootHash);
    } catch {
      included = false;
    }
    if (included) includedEntries.push(logEntry);
    add(
      included,
      'LOG_INCLUSION',
      included
        ? `Gebeurtenis ${logEntry.index} (${label}) staat in het ondertekende logboek.`
        : `Gebeurtenis ${logEntry.index} (${label}) staat niet in het logboek dat het platform ondertekende: de gebeurtenis of het bewijs is veranderd.`,
      subject,
    );
  }
  const logged = <T extends LogEntry['type']>(type: T, match: (e: Extract<LogEntry, { type: T }>) => boolean) =>
    includedEntries.find((e) => e.entry.type === type && match(e.entry as Extract<LogEntry, { type: T }>));

  const opened = logged('OPENED', (e) => e.listId === bundle.listId && e.version === bundle.version);
  const openedOk =
    opened !== undefined &&
    opened.entry.type === 'OPENED' &&
    opened.entry.contentHash === bundle.contentHash &&
    opened.entry.previousVersionHash === bundle.previousVersionHash;
  add(
    openedOk,
    'OPENED_LOGGED',
    openedOk
      ? 'Het logboek legt vast dat precies deze inhoud ter ondertekening is aangeboden.'
      : 'Het logboek bevat niet dat deze inhoud (met deze vorige versie) ter ondertekening is aangeboden.',
  );

  // 4. Signatures.
  const parties = new Map(bundle.content.parties.map((p) => [p.oin, p.name]));
  const validApprovals = new Set<string>();
  let validDecline = false;
  for (const signature of bundle.signatures) {
    const ok = await checkSignature(signature, bundle, contentOk, parties, includedEntries, add);
    if (ok && signature.statement.intent === 'APPROVE') validApprovals.add(signature.statement.signer.organisationOin);
    if (ok && signature.statement.intent === 'DECLINE') validDecline = true;
  }

  // 5. The claimed status.
  if (bundle.status === 'FINAL') {
    const missing = bundle.content.parties.filter((p) => !validApprovals.has(p.oin)).map((p) => p.name);
    add(
      missing.length === 0,
      'FINAL_ALL_APPROVED',
      missing.length === 0
        ? 'Alle partijen hebben deze inhoud goedgekeurd.'
        : `De lijst heet definitief, maar een geldige goedkeuring ontbreekt van: ${missing.join(', ')}.`,
    );
    const finalised = logged('FINALISED', (e) => e.listId === bundle.listId && e.version === bundle.version && e.contentHash === bundle.contentHash);
    add(
      finalised !== undefined,
      'FINAL_LOGGED',
      finalised !== undefined ? 'Het logboek legt vast dat de lijst definitief is.' : 'Het logboek bevat niet dat de lijst definitief is.',
    );
  } else if (bundle.status === 'DECLINED') {
    add(
      validDecline,
      'DECLINE_PRESENT',
      validDecline ? 'Een partij heeft deze versie met een geldige handtekening afgewezen.' : 'De versie heet afgewezen, maar een geldige afwijzing ontbreekt.',
    );
  }

  return { ok: checks.every((c) => c.ok), checks };
}

const CLOCK_SKEW_MS = 5 * 60_000;

type Add = (ok: boolean, code: string, messageNl: string, subject?: string) => boolean;

async function checkSignature(
  signature: EvidenceSignature,
  bundle: EvidenceBundle,
  contentOk: boolean,
  parties: Map<string, string>,
  includedEntries: EvidenceLogEntry[],
  add: Add,
): Promise<boolean> {
  const { statement, signerKey } = signature;
  const oin = typeof statement.signer.organisationOin === 'string' ? statement.signer.organisationOin : '?';
  const who = parties.get(oin) ?? `organisatie ${oin}`;
  const subject = who;
  const what = statement.intent === 'DECLINE' ? 'afwijzing' : 'goedkeuring';
  let ok = true;

  ok =
    add(
      parties.has(oin),
      'SIGNER_IS_PARTY',
      parties.has(oin) ? `${who} is partij bij deze lijst.` : `${who} heeft getekend, maar is geen partij bij deze lijst.`,
      subject,
    ) && ok;

  const matches = statement.listId === bundle.listId && statement.version === bundle.version && statement.contentHash === bundle.contentHash;
  ok =
    add(
      matches && contentOk,
      'STATEMENT_MATCHES_CONTENT',
      matches && contentOk
        ? `De ${what} van ${who} gaat over precies deze inhoud.`
        : `De ${what} van ${who} gaat niet over deze inhoud: de lijst, de versie of de vingerafdruk verschilt.`,
      subject,
    ) && ok;

  let jwk: PublicJwk | null = null;
  try {
    jwk = parsePublicJwk(signerKey.jwk);
    const thumbprint = await jwkThumbprint(jwk);
    const kidOk = thumbprint === signerKey.kid && thumbprint === statement.signer.kid;
    ok =
      add(
        kidOk,
        'KEY_ID',
        kidOk ? `De sleutel van ${who} heeft vingerafdruk ${thumbprint}.` : `De sleutel van ${who} past niet bij de sleutel die in de verklaring staat.`,
        subject,
      ) && ok;
  } catch {
    ok = add(false, 'KEY_ID', `De sleutel van ${who} is geen geldige openbare sleutel (Ed25519 of P-256).`, subject) && ok;
  }

  let sigOk = false;
  let why = 'de verklaring of de handtekening is veranderd';
  if (jwk !== null) {
    try {
      sigOk = await verifyStatementSignature(signature.jws, statement, jwk);
    } catch (error) {
      if (error instanceof JwsError && error.reason === 'KID_MISMATCH') why = 'de handtekening hoort bij een andere sleutel';
      else if (!(error instanceof JwsError)) why = 'de verklaring is onvolledig of heeft een verkeerde vorm';
    }
  }
  ok =
    add(
      sigOk,
      'SIGNATURE',
      sigOk ? `De handtekening van ${who} (${what}) klopt.` : `De handtekening van ${who} (${what}) klopt niet: ${why}.`,
      subject,
    ) && ok;

  let hash: string | null = null;
  try {
    hash = statementHash(statement);
  } catch {
    hash = null;
  }
  const entryType = statement.intent === 'DECLINE' ? 'DECLINED' : 'SIGNED';
  const signatureEntry = includedEntries.find(
    (e) => e.entry.type === entryType && hash !== null && e.entry.statementHash === hash && e.entry.kid === statement.signer.kid,
  );
  ok =
    add(
      signatureEntry !== undefined,
      'SIGNATURE_LOGGED',
      signatureEntry !== undefined
        ? `De ${what} van ${who} staat in het logboek (gebeurtenis ${signatureEntry.index}).`
        : `De ${what} van ${who} staat niet in het ondertekende logboek.`,
      subject,
    ) && ok;

  // The key must be valid when the signer says they signed and when the platform logged it: a key
  // revoked at T cannot sign after T with a backdated signedAt. A few minutes' clock difference
  // between the signer's device and the platform is tolerated.
  const signedAt = instant(statement.signedAt);
  const loggedAt = signatureEntry === undefined ? signedAt : instant(signatureEntry.entry.at);
  const validFrom = instant(signerKey.validFrom);
  const revokedAt = signerKey.revokedAt === null ? null : instant(signerKey.revokedAt);
  const plausible = signedAt <= loggedAt + CLOCK_SKEW_MS;
  const keyValid = plausible && signedAt >= validFrom && (revokedAt === null || Math.max(signedAt, loggedAt) < revokedAt);
  ok =
    add(
      keyValid,
      'KEY_VALID_AT_SIGNING',
      keyValid
        ? `De sleutel van ${who} was geldig op het moment van tekenen (${statement.signedAt}).`
        : plausible
          ? `De sleutel van ${who} was niet geldig op het moment van tekenen (${String(statement.signedAt)}).`
          : `Het tijdstip van tekenen van ${who} (${String(statement.signedAt)}) ligt na het moment dat het logboek de handtekening ontving.`,
      subject,
    ) && ok;

  const registration = includedEntries.find(
    (e) =>
      e.entry.type === 'KEY_REGISTERED' &&
      e.entry.kid === signerKey.kid &&
      e.entry.organisationOin === oin &&
      e.entry.validFrom === signerKey.validFrom &&
      (signatureEntry === undefined || e.index < signatureEntry.index),
  );
  ok =
    add(
      registration !== undefined,
      'KEY_REGISTERED_LOGGED',
      registration !== undefined
        ? `Het logboek legt vast dat ${who} deze sleutel registreerde vóór het tekenen (gebeurtenis ${registration.index}).`
        : `Het logboek bevat niet dat ${who} deze sleutel vóór het tekenen registreerde.`,
      subject,
    ) && ok;

  // A revocation in the log must agree with the key's revokedAt: a bundle cannot hide it.
  const revocation = includedEntries.find((e) => e.entry.type === 'KEY_REVOKED' && e.entry.kid === signerKey.kid);
  if (revocation !== undefined && revocation.entry.type === 'KEY_REVOKED') {
    const agrees = signerKey.revokedAt !== null && instant(revocation.entry.revokedAt) === instant(signerKey.revokedAt);
    ok =
      add(
        agrees,
        'KEY_REVOCATION_MATCHES',
        agrees
          ? `De intrekking van de sleutel van ${who} in het logboek klopt met de bundel.`
          : `Het logboek zegt dat de sleutel van ${who} is ingetrokken op een ander moment dan de bundel.`,
        subject,
      ) && ok;
  }
  return ok;
}
