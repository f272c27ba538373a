// The signed and logged shapes of issue 11, shared by the server (libs/action-lists), the web app
// and the offline verifier (tools/schakel-verify). Pure types: safe to import anywhere, including
// the browser. Changing a field here changes what was signed, so keep them stable.

/** A public key a signatory (or a partner system) registered; never a private key. */
export type PublicJwk =
  | { kty: 'OKP'; crv: 'Ed25519'; x: string; alg: 'EdDSA' }
  | { kty: 'EC'; crv: 'P-256'; x: string; y: string; alg: 'ES256' };

/** JWS algorithms we sign and verify with: Ed25519 (EdDSA) and P-256 (ES256). */
export type SigningAlgorithm = 'EdDSA' | 'ES256';

export interface ActionListParty {
  organisationId: string;
  /** Organisatie-identificatienummer (20 digits). */
  oin: string;
  name: string;
}

export interface ActionListItemContent {
  id: string;
  position: number;
  description: string;
  ownerOrganisationId: string;
  /** ISO date `YYYY-MM-DD`, or null when the item has no due date. */
  dueDate: string | null;
}

export interface ActionListAgreementContent {
  receivingOrganisationId: string;
  /** A handoff topic, or null for all topics. */
  topic: string | null;
  acceptWithinWorkingDays: number;
  firstContactWithinWorkingDays: number;
}

/** What the parties agree on; `contentHash` = SHA-256 of its RFC 8785 canonical JSON. */
export interface ActionListContent {
  title: string;
  description: string;
  parties: ActionListParty[];
  items: ActionListItemContent[];
  agreements: ActionListAgreementContent[];
}

export type SignatureIntent = 'APPROVE' | 'DECLINE';

/** Exactly one of employeeId (a person signing in the web app) or clientId (a partner system). */
export interface StatementSigner {
  organisationOin: string;
  employeeId?: string;
  clientId?: string;
  /** RFC 7638 thumbprint of the signer's public JWK. */
  kid: string;
}

/**
 * What a signatory signs (detached JWS, `b64:false`, over the UTF-8 of its canonical JSON).
 * `reason` is present for DECLINE only (and required there): it is part of the signed statement so
 * that nobody, the platform included, can change why a party declined.
 */
export interface SignatureStatement {
  listId: string;
  version: number;
  contentHash: string;
  intent: SignatureIntent;
  signer: StatementSigner;
  /** ISO 8601 instant with `Z`. */
  signedAt: string;
  reason?: string;
}

// ---- Transparency log -----------------------------------------------------------------------

export type LogEntryType = 'OPENED' | 'SIGNED' | 'DECLINED' | 'FINALISED' | 'KEY_REGISTERED' | 'KEY_REVOKED';

/** A version was opened for signing: from here on its content is fixed. */
export interface OpenedLogEntry {
  type: 'OPENED';
  listId: string;
  version: number;
  contentHash: string;
  previousVersionHash: string | null;
  at: string;
}

/**
 * A party approved (SIGNED) or declined (DECLINED); `statementHash` = SHA-256 of the statement
 * bytes; `at` = when the platform accepted it (the verifier requires statement.signedAt ≤ at + 5 min
 * and the key unrevoked at both moments).
 */
export interface SignatureLogEntry {
  type: 'SIGNED' | 'DECLINED';
  listId: string;
  version: number;
  contentHash: string;
  organisationOin: string;
  kid: string;
  statementHash: string;
  at: string;
}

/** Every party approved the same content hash. */
export interface FinalisedLogEntry {
  type: 'FINALISED';
  listId: string;
  version: number;
  contentHash: string;
  at: string;
}

/** A public key was registered for a person (employeeId) or a partner system (clientId). */
export interface KeyRegisteredLogEntry {
  type: 'KEY_REGISTERED';
  kid: string;
  organisationOin: string;
  employeeId?: string;
  clientId?: string;
  jwk: PublicJwk;
  validFrom: string;
  at: string;
}

export interface KeyRevokedLogEntry {
  type: 'KEY_REVOKED';
  kid: string;
  organisationOin: string;
  revokedAt: string;
  at: string;
}

export type LogEntry =
  | OpenedLogEntry
  | SignatureLogEntry
  | FinalisedLogEntry
  | KeyRegisteredLogEntry
  | KeyRevokedLogEntry;

/** The platform's signed statement of the log's size and root (RFC 9162 §2.1), hashes in lowercase hex. */
export interface Checkpoint {
  logId: string;
  treeSize: number;
  rootHash: string;
  /** ISO 8601 instant with `Z`. */
  timestamp: string;
}

/** A checkpoint and its detached JWS (`b64:false`, EdDSA) over the checkpoint's canonical JSON. */
export interface SignedCheckpoint {
  checkpoint: Checkpoint;
  jws: string;
}

// ---- Evidence bundle ------------------------------------------------------------------------

export type EvidenceVersionStatus = 'OPEN_FOR_SIGNING' | 'FINAL' | 'DECLINED' | 'SUPERSEDED';

export interface EvidenceSignerKey {
  jwk: PublicJwk;
  kid: string;
  validFrom: string;
  revokedAt: string | null;
}

export interface EvidenceSignature {
  statement: SignatureStatement;
  /** Detached compact JWS: `header..signature`. */
  jws: string;
  signerKey: EvidenceSignerKey;
}

/** A log entry with its 0-based index and its inclusion proof (hex hashes) in `checkpoint`'s tree. */
export interface EvidenceLogEntry {
  index: number;
  entry: LogEntry;
  inclusionProof: string[];
}

/**
 * Everything needed to check one version of an action list offline. The log entries must include,
 * for the version: OPENED, one SIGNED/DECLINED per signature, FINALISED when status is FINAL; and
 * one KEY_REGISTERED per signer key (plus KEY_REVOKED when the key was revoked). All proofs refer
 * to the one `checkpoint`.
 */
export interface EvidenceBundle {
  format: 'schakel-evidence-bundle';
  bundleVersion: 1;
  listId: string;
  version: number;
  status: EvidenceVersionStatus;
  content: ActionListContent;
  contentHash: string;
  previousVersionHash: string | null;
  signatures: EvidenceSignature[];
  logEntries: EvidenceLogEntry[];
  checkpoint: SignedCheckpoint;
  /** The platform's Ed25519 public key that signs checkpoints. */
  platformKey: PublicJwk;
  exportedAt: string;
}

/** One check of a verification; `subject` names what it is about (an organisation, a log index). */
export interface VerificationCheck {
  ok: boolean;
  code: string;
  messageNl: string;
  subject?: string;
}

export interface VerificationReport {
  ok: boolean;
  checks: VerificationCheck[];
}
