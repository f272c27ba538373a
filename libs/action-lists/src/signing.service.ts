import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { AppError, type RequestContext, TenantTransactions, textProblem } from '@schakel/platform';
import type { EntityManager } from 'typeorm';
import { assertMaySign, VERSION_NOT_FOUND } from './access';
import type { KeyStatus } from './action-list.enums';
import type { SignInput } from './commands';
import { parseStatement, ShapeError } from './content';
import type { EvidenceBundle, EvidenceLogEntry, LogEntry, SignatureIntent, SignatureStatement, SignedCheckpoint } from '@schakel/signing';
import { fromHex, toHex } from '@schakel/signing';
import { canonicalJson, contentHash } from '@schakel/signing';
import { JwkError, jwkThumbprint, parsePublicJwk } from '@schakel/signing';
import { JwsError } from '@schakel/signing';
import { verifyInclusion } from '@schakel/signing';
import { StatementError, assertValidStatement, statementHash, verifyStatementSignature } from '@schakel/signing';
import { logEntryLeafHash, signatureLogEntry, verifyCheckpoint } from '@schakel/signing';
import * as lists from './store/action-lists.store';
import type { VersionRecord } from './store/action-lists.store';
import * as signatures from './store/signatures.store';
import type { SignatureRecord, SigningKeyRecord } from './store/signatures.store';
import * as logStore from './store/transparency.store';
import { PlatformSigningKey } from './transparency/platform-key';
import { TransparencyLog } from './transparency/transparency-log.service';

/** How far a statement's signedAt may be from the server's clock: no back-dating past a revocation. */
export const SIGNED_AT_TOLERANCE_MS = 5 * 60_000;

export interface SigningStatementView {
  statement: SignatureStatement;
  /** The exact text to sign (its UTF-8 bytes): RFC 8785 canonical JSON of the statement. */
  canonical: string;
  statementHash: string;
}

export interface SignatureCheck {
  signature: SignatureRecord;
  organisationOin: string;
  valid: boolean;
  statementMatchesVersion: boolean;
  keyStatusAtSigning: KeyStatus;
  logIndex: number;
  inclusionVerified: boolean;
  problem: string | null;
}

export interface VersionVerification {
  version: VersionRecord;
  storedContentHash: string;
  recomputedContentHash: string;
  contentHashMatches: boolean;
  checkpoint: SignedCheckpoint | null;
  checkpointSignatureValid: boolean;
  signatures: SignatureCheck[];
  ok: boolean;
}

export function keyStatusAt(key: Pick<SigningKeyRecord, 'validFrom' | 'revokedAt'> | undefined, at: Date): KeyStatus {
  if (!key) return 'UNKNOWN';
  if (at.getTime() < key.validFrom.getTime()) return 'NOT_YET_VALID';
  if (key.revokedAt && at.getTime() >= key.revokedAt.getTime()) return 'REVOKED';
  return 'VALID';
}

const badStatement = (en: string): AppError =>
  AppError.badInput({ nl: `De verklaring klopt niet: ${en}.`, en: `The statement is not valid: ${en}.` }, { field: 'statement' });

/** Signing keys, signatures and what anyone needs to check them. */
@Injectable()
export class SigningService {
  constructor(
    private readonly tenants: TenantTransactions,
    private readonly organisations: OrganisationsService,
    private readonly log: TransparencyLog,
    private readonly platformKey: PlatformSigningKey,
  ) {}

  // ---- Keys ------------------------------------------------------------------------------------

  /** Registers a public key for the caller (a secretaris, or a partner system with action-lists:sign). */
  async registerKey(ctx: RequestContext, jwkJson: string): Promise<SigningKeyRecord> {
    assertMaySign(ctx.actor);
    if (typeof jwkJson !== 'string' || jwkJson.length > 2000) {
      throw AppError.badInput({ nl: 'Geen bruikbare publieke sleutel (te lang).', en: 'Not a usable public key (too long).' }, { field: 'publicJwk' });
    }
    let jwk;
    try {
      jwk = parsePublicJwk(JSON.parse(jwkJson));
    } catch (error) {
      const why = error instanceof JwkError ? error.message : 'not JSON';
      throw AppError.badInput({ nl: `Geen bruikbare publieke sleutel (${why}).`, en: `Not a usable public key (${why}).` }, { field: 'publicJwk' });
    }
    const kid = await jwkThumbprint(jwk);
    const organisation = await this.organisations.get(ctx.actor.organisationId);
    const owner = this.ownerOf(ctx);
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      if (await signatures.keyExists(m, kid)) {
        throw AppError.conflict({ nl: 'Deze sleutel is al geregistreerd.', en: 'This key is registered already.' }, { kid });
      }
      const validFrom = new Date();
      const [logIndex] = await this.log.append(m, [
        {
          type: 'KEY_REGISTERED',
          kid,
          organisationOin: organisation.oin,
          ...(owner.employeeId ? { employeeId: owner.employeeId } : { clientId: owner.machineClientId ?? '' }),
          jwk,
          validFrom: validFrom.toISOString(),
          at: validFrom.toISOString(),
        },
      ]);
      await signatures.insertKey(m, { kid, organisationId: ctx.actor.organisationId, ...owner, jwk, validFrom, logIndex });
      return this.mustFindKey(m, kid);
    });
  }

  /** Revokes one of the caller's own keys; it stays, so earlier signatures can still be checked. */
  async revokeKey(ctx: RequestContext, kid: string): Promise<SigningKeyRecord> {
    const organisation = await this.organisations.get(ctx.actor.organisationId);
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const key = await signatures.findKey(m, kid, true);
      if (!key || !this.owns(ctx, key)) throw AppError.notFound({ nl: 'Deze sleutel', en: 'This key' });
      if (key.revokedAt) throw AppError.conflict({ nl: 'Deze sleutel is al ingetrokken.', en: 'This key is revoked already.' }, { kid });
      const at = new Date();
      const [logIndex] = await this.log.append(m, [
        { type: 'KEY_REVOKED', kid, organisationOin: organisation.oin, revokedAt: at.toISOString(), at: at.toISOString() },
      ]);
      await signatures.revokeKey(m, kid, at, logIndex);
      return this.mustFindKey(m, kid);
    });
  }

  async myKeys(ctx: RequestContext): Promise<SigningKeyRecord[]> {
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, (m) => signatures.keysOfOwner(m, this.ownerOf(ctx)));
  }

  // ---- Statements and signatures -----------------------------------------------------------------

  /** The exact statement the caller would sign now: the browser signs these bytes, the server checks them. */
  async signingStatement(ctx: RequestContext, versionId: string, intent: SignatureIntent, kid: string, reason: string | null): Promise<SigningStatementView> {
    assertMaySign(ctx.actor);
    this.checkReason(intent, reason);
    const organisation = await this.organisations.get(ctx.actor.organisationId);
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const version = await lists.findVersion(m, versionId);
      if (!version) throw AppError.notFound(VERSION_NOT_FOUND);
      this.assertOpen(version);
      this.assertParty(ctx, version);
      const key = await signatures.findKey(m, kid);
      this.assertOwnUsableKey(ctx, key, new Date());
      const owner = this.ownerOf(ctx);
      const statement: SignatureStatement = {
        listId: version.listId,
        version: version.version,
        contentHash: version.contentHash,
        intent,
        signer: { organisationOin: organisation.oin, ...(owner.employeeId ? { employeeId: owner.employeeId } : { clientId: owner.machineClientId ?? '' }), kid },
        signedAt: new Date().toISOString(),
        ...(intent === 'DECLINE' && reason ? { reason } : {}),
      };
      return { statement, canonical: canonicalJson(statement), statementHash: statementHash(statement) };
    });
  }

  /**
   * Records an APPROVE or DECLINE. Order of checks: statement shape (BAD_USER_INPUT) → role
   * (FORBIDDEN) → version visible (NOT_FOUND) → open, not superseded (CONFLICT) → caller's
   * organisation a party (FORBIDDEN) → statement names this version and hash (BAD_USER_INPUT) →
   * signer is the caller, with an own key valid at signedAt (FORBIDDEN) → signature
   * (BAD_USER_INPUT) → not signed already (CONFLICT). Then the signature, its log entry and, when
   * every party approved the same hash, FINAL, all in one transaction.
   */
  async sign(ctx: RequestContext, input: SignInput): Promise<VersionRecord> {
    const statement = this.parseStatementInput(input.statement);
    if (statement.intent !== input.intent) throw badStatement(`intent must be ${input.intent}`);
    if (input.intent === 'DECLINE') {
      this.checkReason('DECLINE', input.reason ?? null);
      if (statement.reason !== input.reason) throw badStatement('the reason must be the one in the statement');
    }
    if (typeof input.jws !== 'string' || input.jws.length > 2000) throw badStatement('jws is missing or too long');
    assertMaySign(ctx.actor);
    const organisation = await this.organisations.get(ctx.actor.organisationId);
    const now = new Date();

    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const version = await lists.findVersion(m, input.versionId, true);
      if (!version) throw AppError.notFound(VERSION_NOT_FOUND);
      this.assertOpen(version);
      this.assertParty(ctx, version);
      if (statement.listId !== version.listId || statement.version !== version.version || statement.contentHash !== version.contentHash) {
        throw badStatement("listId, version and contentHash must be the open version's");
      }
      const owner = this.ownerOf(ctx);
      const signerId = owner.employeeId ? statement.signer.employeeId : statement.signer.clientId;
      if (statement.signer.organisationOin !== organisation.oin || signerId !== (owner.employeeId ?? owner.machineClientId)) {
        throw AppError.forbidden({ nl: 'U tekent alleen namens uzelf en uw eigen organisatie.', en: 'You sign only for yourself and your own organisation.' });
      }
      const signedAt = new Date(statement.signedAt);
      if (Math.abs(signedAt.getTime() - now.getTime()) > SIGNED_AT_TOLERANCE_MS) {
        throw badStatement('signedAt must be the current time (within 5 minutes)');
      }
      const key = await signatures.findKey(m, statement.signer.kid);
      this.assertOwnUsableKey(ctx, key, signedAt);
      try {
        await verifyStatementSignature(input.jws, statement, key.jwk);
      } catch (error) {
        if (error instanceof JwsError || error instanceof StatementError) {
          throw AppError.badInput({ nl: 'De handtekening klopt niet bij deze verklaring en sleutel.', en: 'The signature does not match this statement and key.' }, { field: 'jws', reason: error instanceof JwsError ? error.reason : 'STATEMENT' });
        }
        throw error;
      }
      const existing = await signatures.signaturesOf(m, [version.id]);
      if (existing.some((s) => s.organisationId === ctx.actor.organisationId)) {
        throw AppError.conflict({ nl: 'Uw organisatie heeft deze versie al ondertekend of afgewezen.', en: 'Your organisation has signed or declined this version already.' });
      }

      const entries: LogEntry[] = [signatureLogEntry(statement, now.toISOString())];
      const approvals = new Set([...existing.filter((s) => s.intent === 'APPROVE').map((s) => s.organisationId)]);
      if (statement.intent === 'APPROVE') approvals.add(ctx.actor.organisationId);
      const final = statement.intent === 'APPROVE' && version.content.parties.every((p) => approvals.has(p.organisationId));
      if (final) entries.push({ type: 'FINALISED', listId: version.listId, version: version.version, contentHash: version.contentHash, at: now.toISOString() });

      const [logIndex] = await this.log.append(m, entries);
      await signatures.insertSignature(m, { versionId: version.id, listId: version.listId, organisationId: ctx.actor.organisationId, statement, statementHash: statementHash(statement), jws: input.jws, logIndex });
      if (statement.intent === 'DECLINE') await lists.setStatus(m, version.id, 'DECLINED', now);
      if (final) await this.finalise(m, version, now);
      const updated = await lists.findVersion(m, version.id);
      return updated ?? version;
    });
  }

  /** FINAL: earlier final versions stop applying; item statuses start (kept for items that stayed). */
  private async finalise(m: EntityManager, version: VersionRecord, at: Date): Promise<void> {
    const earlier = await lists.finalVersionsBefore(m, version.listId, version.version);
    for (const e of earlier) await lists.setStatus(m, e.id, 'SUPERSEDED', at);
    await lists.setStatus(m, version.id, 'FINAL', at);
    const previous = earlier.sort((a, b) => b.version - a.version)[0];
    await lists.initItemStatuses(m, version.id, version.listId, version.content.items, previous?.id ?? null);
  }

  async signaturesOf(ctx: RequestContext, versionIds: readonly string[]): Promise<SignatureRecord[]> {
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, (m) => signatures.signaturesOf(m, versionIds));
  }

  // ---- Verification and evidence -----------------------------------------------------------------

  /** Recomputes everything from what is stored: content hash, each signature, key history, log inclusion. */
  async verify(ctx: RequestContext, versionId: string): Promise<VersionVerification> {
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const version = await lists.findVersion(m, versionId);
      if (!version) throw AppError.notFound(VERSION_NOT_FOUND);
      const recomputed = contentHash(version.content);
      const sigs = await signatures.signaturesOf(m, [version.id]);
      const keys = new Map((await signatures.findKeys(m, sigs.map((s) => s.kid))).map((k) => [k.kid, k]));
      const checkpoint = await this.log.latestCheckpointIn(m);
      const checkpointSignatureValid = checkpoint ? await verifyCheckpoint(checkpoint, this.platformKey.publicJwk).catch(() => false) : false;
      const proofs = checkpoint ? await this.log.proofsAt(m, sigs.map((s) => s.logIndex), checkpoint.checkpoint.treeSize) : [];
      const checks: SignatureCheck[] = [];
      for (const sig of sigs) {
        const key = keys.get(sig.kid);
        const problems: string[] = [];
        let valid = false;
        try {
          if (key) valid = await verifyStatementSignature(sig.jws, sig.statement, key.jwk);
          else problems.push('onbekende sleutel');
        } catch {
          problems.push('handtekening ongeldig');
        }
        const statementMatchesVersion = sig.statement.listId === version.listId && sig.statement.version === version.version && sig.statement.contentHash === recomputed;
        if (!statementMatchesVersion) problems.push('verklaring hoort niet bij deze inhoud');
        const keyStatusAtSigning = keyStatusAt(key, new Date(sig.statement.signedAt));
        if (keyStatusAtSigning !== 'VALID') problems.push(`sleutel ${keyStatusAtSigning}`);
        const proof = proofs.find((p) => p.index === sig.logIndex);
        let inclusionVerified = false;
        if (proof && checkpoint) {
          const leaf = logEntryLeafHash(proof.entry);
          const entryMatches =
            (proof.entry.type === 'SIGNED' || proof.entry.type === 'DECLINED') && proof.entry.statementHash === safeStatementHash(sig.statement) && toHex(leaf) === proof.leafHash;
          inclusionVerified =
            entryMatches && verifyInclusion(leaf, sig.logIndex, checkpoint.checkpoint.treeSize, proof.proof.map(fromHex), fromHex(checkpoint.checkpoint.rootHash));
        }
        if (!inclusionVerified) problems.push('niet aantoonbaar in het log');
        checks.push({
          signature: sig,
          organisationOin: sig.statement.signer.organisationOin,
          valid: valid && statementMatchesVersion,
          statementMatchesVersion,
          keyStatusAtSigning,
          logIndex: sig.logIndex,
          inclusionVerified,
          problem: problems.length ? problems.join('; ') : null,
        });
      }
      const contentHashMatches = recomputed === version.contentHash;
      const ok = contentHashMatches && checkpointSignatureValid && checks.every((c) => c.valid && c.keyStatusAtSigning === 'VALID' && c.inclusionVerified);
      return { version, storedContentHash: version.contentHash, recomputedContentHash: recomputed, contentHashMatches, checkpoint, checkpointSignatureValid, signatures: checks, ok };
    });
  }

  /** Everything needed to check this version offline (npx schakel-verify bundle.json). */
  async evidence(ctx: RequestContext, versionId: string): Promise<EvidenceBundle> {
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const version = await lists.findVersion(m, versionId);
      if (!version) throw AppError.notFound(VERSION_NOT_FOUND);
      if (version.status === 'DRAFT') {
        throw AppError.conflict({ nl: 'Een concept heeft nog geen bewijs: open het eerst voor ondertekening.', en: 'A draft has no evidence yet: open it for signing first.' });
      }
      const checkpoint = await this.log.latestCheckpointIn(m);
      if (!checkpoint) throw AppError.unavailable({ nl: 'Het log heeft nog geen controlepunt.', en: 'The log has no checkpoint yet.' });
      const sigs = await signatures.signaturesOf(m, [version.id]);
      const keys = await signatures.findKeys(m, [...new Set(sigs.map((s) => s.kid))]);
      const versionIndices = await logStore.versionEntryIndices(m, version.listId, version.version, version.status === 'FINAL' || version.status === 'SUPERSEDED' ? ['OPENED', 'FINALISED'] : ['OPENED']);
      const indices = [
        ...versionIndices,
        ...sigs.map((s) => s.logIndex),
        ...keys.flatMap((k) => (k.revokedLogIndex !== null ? [k.registeredLogIndex, k.revokedLogIndex] : [k.registeredLogIndex])),
      ].filter((i) => i < checkpoint.checkpoint.treeSize);
      const proofs = await this.log.proofsAt(m, [...new Set(indices)].sort((a, b) => a - b), checkpoint.checkpoint.treeSize);
      const logEntries: EvidenceLogEntry[] = proofs.map((p) => ({ index: p.index, entry: p.entry, inclusionProof: p.proof }));
      const byKid = new Map(keys.map((k) => [k.kid, k]));
      return {
        format: 'schakel-evidence-bundle',
        bundleVersion: 1,
        listId: version.listId,
        version: version.version,
        status: version.status,
        content: version.content,
        contentHash: version.contentHash,
        previousVersionHash: version.previousVersionHash,
        signatures: sigs.map((s) => {
          const k = byKid.get(s.kid);
          if (!k) throw new Error(`signing key ${s.kid} missing`);
          return { statement: s.statement, jws: s.jws, signerKey: { jwk: k.jwk, kid: k.kid, validFrom: k.validFrom.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null } };
        }),
        logEntries,
        checkpoint,
        platformKey: this.platformKey.publicJwk,
        exportedAt: new Date().toISOString(),
      };
    });
  }

  // ---- Helpers -------------------------------------------------------------------------------------

  private parseStatementInput(text: string): SignatureStatement {
    if (typeof text !== 'string' || text.length > 4000) throw badStatement('statement is missing or too long');
    let statement: SignatureStatement;
    try {
      statement = parseStatement(JSON.parse(text));
      assertValidStatement(statement);
    } catch (error) {
      if (error instanceof SyntaxError) throw badStatement('not JSON');
      if (error instanceof ShapeError || error instanceof StatementError) throw badStatement(error.message);
      throw error;
    }
    return statement;
  }

  private checkReason(intent: SignatureIntent, reason: string | null): void {
    if (intent !== 'DECLINE') return;
    const problem = textProblem(reason, { max: 2000, required: true });
    if (problem) throw AppError.badInput({ nl: 'Geef een reden voor de afwijzing (hoogstens 2000 tekens).', en: 'Give a reason for declining (at most 2000 characters).' }, { field: 'reason' });
  }

  private assertOpen(version: VersionRecord): void {
    if (version.status === 'OPEN_FOR_SIGNING') return;
    if (version.status === 'SUPERSEDED') {
      throw AppError.conflict({ nl: 'Deze versie is vervangen door een nieuwere: onderteken die.', en: 'This version has been superseded by a newer one: sign that one.' }, { status: version.status });
    }
    throw AppError.conflict({ nl: 'Deze versie staat niet open voor ondertekening.', en: 'This version is not open for signing.' }, { status: version.status });
  }

  private assertParty(ctx: RequestContext, version: VersionRecord): void {
    if (!version.content.parties.some((p) => p.organisationId === ctx.actor.organisationId)) {
      throw AppError.forbidden({ nl: 'Uw organisatie is geen partij bij deze versie.', en: 'Your organisation is not a party to this version.' });
    }
  }

  private assertOwnUsableKey(ctx: RequestContext, key: SigningKeyRecord | null, at: Date): asserts key is SigningKeyRecord {
    if (!key || !this.owns(ctx, key)) {
      throw AppError.forbidden({ nl: 'U tekent alleen met een eigen geregistreerde sleutel.', en: 'You sign only with a key registered to you.' });
    }
    if (keyStatusAt(key, at) !== 'VALID' || key.revokedAt) {
      throw AppError.forbidden({ nl: 'Deze sleutel is ingetrokken of nog niet geldig.', en: 'This key is revoked or not yet valid.' }, { kid: key.kid });
    }
  }

  private ownerOf(ctx: RequestContext): { employeeId: string | null; machineClientId: string | null } {
    return ctx.actor.kind === 'employee' ? { employeeId: ctx.actor.employeeId, machineClientId: null } : { employeeId: null, machineClientId: ctx.actor.clientId };
  }

  private owns(ctx: RequestContext, key: SigningKeyRecord): boolean {
    const owner = this.ownerOf(ctx);
    return key.organisationId === ctx.actor.organisationId && (owner.employeeId ? key.employeeId === owner.employeeId : key.machineClientId === owner.machineClientId);
  }

  private async mustFindKey(m: EntityManager, kid: string): Promise<SigningKeyRecord> {
    const key = await signatures.findKey(m, kid);
    if (!key) throw new Error(`signing key ${kid} vanished`);
    return key;
  }
}

function safeStatementHash(statement: SignatureStatement): string | null {
  try {
    return statementHash(statement);
  } catch {
    return null;
  }
}
