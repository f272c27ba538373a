import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ItemStatus, KeyStatus, VersionStatus } from '../action-list.enums';
import type { SignatureIntent, SignedCheckpoint } from '@schakel/signing';
import { canonicalJson } from '@schakel/signing';
import type { ItemStatusRecord, ListRecord, VersionRecord } from '../store/action-lists.store';
import type { SignatureRecord, SigningKeyRecord } from '../store/signatures.store';
import type { SignatureCheck, SigningStatementView, VersionVerification } from '../signing.service';
import type { ConsistencyProofView, InclusionProofView } from '../transparency/transparency-log.service';
import { ActionItemStatusEnum, ActionListVersionStatusEnum, SignatureIntentEnum, SigningKeyStatusEnum } from './enums.graphql';

// The API shapes, built from the records; no entity is a GraphQL type.

@ObjectType('ActionListSignature', { description: 'Een ondertekening of afwijzing van één partij voor één versie.' })
export class ActionListSignatureType {
  @Field(() => ID) id!: string;
  @Field(() => ID) organisationId!: string;
  @Field({ description: 'OIN van de ondertekenende organisatie.' }) organisationOin!: string;
  @Field(() => SignatureIntentEnum) intent!: SignatureIntent;
  @Field(() => String, { nullable: true, description: 'Reden van een afwijzing.' }) reason!: string | null;
  @Field({ description: 'Sleutel-id (RFC 7638-vingerafdruk).' }) kid!: string;
  @Field(() => ID, { nullable: true }) signerEmployeeId!: string | null;
  @Field(() => ID, { nullable: true, description: 'De partnerkoppeling die tekende, als het geen persoon was.' }) signerClientId!: string | null;
  @Field() signedAt!: Date;
  @Field(() => Int, { description: 'Plaats in het transparantielog.' }) logIndex!: number;
  @Field({ description: 'De ondertekende verklaring (RFC 8785 canonieke JSON).' }) statementJson!: string;
  @Field({ description: 'Losse JWS (header..handtekening, b64:false).' }) jws!: string;

  static from(s: SignatureRecord): ActionListSignatureType {
    return Object.assign(new ActionListSignatureType(), {
      id: s.id,
      organisationId: s.organisationId,
      organisationOin: s.statement.signer.organisationOin,
      intent: s.intent,
      reason: s.reason,
      kid: s.kid,
      signerEmployeeId: s.statement.signer.employeeId ?? null,
      signerClientId: s.statement.signer.clientId ?? null,
      signedAt: s.signedAt,
      logIndex: s.logIndex,
      statementJson: canonicalJson(s.statement),
      jws: s.jws,
    });
  }
}

@ObjectType('ActionListParty')
export class ActionListPartyType {
  @Field(() => ID) organisationId!: string;
  @Field() oin!: string;
  @Field() name!: string;
  @Field(() => SignatureIntentEnum, { nullable: true, description: 'Leeg zolang deze partij niet tekende of afwees.' }) signed!: SignatureIntent | null;
}

@ObjectType('ActionItem')
export class ActionItemType {
  @Field() id!: string;
  @Field(() => Int) position!: number;
  @Field() description!: string;
  @Field(() => ID) ownerOrganisationId!: string;
  @Field(() => String, { nullable: true, description: 'JJJJ-MM-DD.' }) dueDate!: string | null;
  @Field(() => ActionItemStatusEnum, { nullable: true, description: 'Alleen bij een definitieve (of later vervangen) versie.' }) status!: ItemStatus | null;
  @Field(() => Date, { nullable: true }) statusUpdatedAt!: Date | null;
}

@ObjectType('ActionListAgreement', { description: 'Een afspraak: wordt na FINAL de reactietermijn voor overdrachten aan de ontvanger.' })
export class ActionListAgreementType {
  @Field(() => ID) receivingOrganisationId!: string;
  @Field(() => String, { nullable: true, description: 'Onderwerp, of leeg voor alle onderwerpen.' }) topic!: string | null;
  @Field(() => Int) acceptWithinWorkingDays!: number;
  @Field(() => Int) firstContactWithinWorkingDays!: number;
}

@ObjectType('ActionListVersion')
export class ActionListVersionType {
  @Field(() => ID) id!: string;
  @Field(() => ID) listId!: string;
  @Field(() => ID) ownerOrganisationId!: string;
  @Field(() => Int) version!: number;
  @Field(() => ActionListVersionStatusEnum) status!: VersionStatus;
  @Field() title!: string;
  @Field() description!: string;
  @Field({ description: 'SHA-256 (hex) van de canonieke JSON van de inhoud: wat iedere partij ondertekent.' }) contentHash!: string;
  @Field(() => String, { nullable: true }) previousVersionHash!: string | null;
  @Field({ description: 'De inhoud als RFC 8785 canonieke JSON.' }) contentJson!: string;
  @Field(() => [ActionListPartyType]) parties!: ActionListPartyType[];
  @Field(() => [ActionItemType]) items!: ActionItemType[];
  @Field(() => [ActionListAgreementType]) agreements!: ActionListAgreementType[];
  @Field(() => [ActionListSignatureType]) signatures!: ActionListSignatureType[];
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) openedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finalisedAt!: Date | null;
  @Field(() => Date, { nullable: true }) declinedAt!: Date | null;
  @Field(() => Date, { nullable: true }) supersededAt!: Date | null;

  static from(v: VersionRecord, sigs: readonly SignatureRecord[], statuses: readonly ItemStatusRecord[]): ActionListVersionType {
    const own = sigs.filter((s) => s.versionId === v.id);
    const itemStatus = new Map(statuses.filter((s) => s.versionId === v.id).map((s) => [s.itemId, s]));
    return Object.assign(new ActionListVersionType(), {
      id: v.id,
      listId: v.listId,
      ownerOrganisationId: v.ownerOrganisationId,
      version: v.version,
      status: v.status,
      title: v.content.title,
      description: v.content.description,
      contentHash: v.contentHash,
      previousVersionHash: v.previousVersionHash,
      contentJson: canonicalJson(v.content),
      parties: v.content.parties.map((p) =>
        Object.assign(new ActionListPartyType(), { ...p, signed: own.find((s) => s.organisationId === p.organisationId)?.intent ?? null }),
      ),
      items: v.content.items.map((i) =>
        Object.assign(new ActionItemType(), { ...i, status: itemStatus.get(i.id)?.status ?? null, statusUpdatedAt: itemStatus.get(i.id)?.updatedAt ?? null }),
      ),
      agreements: v.content.agreements.map((a) => Object.assign(new ActionListAgreementType(), a)),
      signatures: own.map(ActionListSignatureType.from),
      createdAt: v.createdAt,
      openedAt: v.openedAt,
      finalisedAt: v.finalisedAt,
      declinedAt: v.declinedAt,
      supersededAt: v.supersededAt,
    });
  }
}

@ObjectType('ActionList', { description: 'Een gezamenlijke actielijst: alleen zichtbaar voor haar partijen.' })
export class ActionListType {
  @Field(() => ID) id!: string;
  @Field(() => ID) ownerOrganisationId!: string;
  @Field({ description: 'Titel van de nieuwste versie.' }) title!: string;
  @Field() createdAt!: Date;
  @Field(() => ActionListVersionType, { description: 'De nieuwste versie (concept, ter ondertekening of definitief).' }) latestVersion!: ActionListVersionType;
  @Field(() => ActionListVersionType, { nullable: true, description: 'De versie die nu geldt (FINAL), als die er is.' }) finalVersion!: ActionListVersionType | null;
  @Field(() => [ActionListVersionType], { description: 'Alle versies, oudste eerst.' }) versions!: ActionListVersionType[];

  static from(list: ListRecord, versions: readonly VersionRecord[], sigs: readonly SignatureRecord[], statuses: readonly ItemStatusRecord[]): ActionListType {
    const mapped = versions.map((v) => ActionListVersionType.from(v, sigs, statuses));
    const latest = mapped[mapped.length - 1];
    return Object.assign(new ActionListType(), {
      id: list.id,
      ownerOrganisationId: list.ownerOrganisationId,
      title: latest.title,
      createdAt: list.createdAt,
      latestVersion: latest,
      finalVersion: mapped.filter((v) => v.status === 'FINAL').pop() ?? null,
      versions: mapped,
    });
  }
}

@ObjectType('SigningKey', { description: 'Een publieke sleutel van een ondertekenaar; wordt ingetrokken, nooit verwijderd.' })
export class SigningKeyType {
  @Field() kid!: string;
  @Field({ description: 'De publieke JWK als JSON.' }) publicJwk!: string;
  @Field(() => ID) organisationId!: string;
  @Field() validFrom!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => Int) registeredLogIndex!: number;
  @Field(() => Int, { nullable: true }) revokedLogIndex!: number | null;

  static from(k: SigningKeyRecord): SigningKeyType {
    return Object.assign(new SigningKeyType(), {
      kid: k.kid,
      publicJwk: JSON.stringify(k.jwk),
      organisationId: k.organisationId,
      validFrom: k.validFrom,
      revokedAt: k.revokedAt,
      registeredLogIndex: k.registeredLogIndex,
      revokedLogIndex: k.revokedLogIndex,
    });
  }
}

@ObjectType('SigningStatement', { description: 'Precies wat u ondertekent: teken de UTF-8-bytes van statementJson (losse JWS, b64:false).' })
export class SigningStatementType {
  @Field({ description: 'De verklaring als RFC 8785 canonieke JSON.' }) statementJson!: string;
  @Field({ description: 'SHA-256 (hex) van statementJson: de vingerafdruk die het scherm toont.' }) statementHash!: string;
  @Field() contentHash!: string;

  static from(v: SigningStatementView): SigningStatementType {
    return Object.assign(new SigningStatementType(), { statementJson: v.canonical, statementHash: v.statementHash, contentHash: v.statement.contentHash });
  }
}

@ObjectType('SignatureVerification')
export class SignatureVerificationType {
  @Field(() => ID) organisationId!: string;
  @Field() organisationOin!: string;
  @Field() kid!: string;
  @Field(() => SignatureIntentEnum) intent!: SignatureIntent;
  @Field() signedAt!: Date;
  @Field({ description: 'De handtekening klopt bij verklaring en sleutel, en de verklaring bij deze inhoud.' }) valid!: boolean;
  @Field(() => SigningKeyStatusEnum) keyStatusAtSigning!: KeyStatus;
  @Field(() => Int) logIndex!: number;
  @Field({ description: 'De vermelding staat aantoonbaar in het log onder het laatste controlepunt.' }) inclusionVerified!: boolean;
  @Field(() => String, { nullable: true, description: 'Wat er niet klopt, in het Nederlands.' }) problem!: string | null;

  static from(c: SignatureCheck): SignatureVerificationType {
    return Object.assign(new SignatureVerificationType(), {
      organisationId: c.signature.organisationId,
      organisationOin: c.organisationOin,
      kid: c.signature.kid,
      intent: c.signature.intent,
      signedAt: c.signature.signedAt,
      valid: c.valid,
      keyStatusAtSigning: c.keyStatusAtSigning,
      logIndex: c.logIndex,
      inclusionVerified: c.inclusionVerified,
      problem: c.problem,
    });
  }
}

@ObjectType('ActionListVerification')
export class ActionListVerificationType {
  @Field(() => ID) versionId!: string;
  @Field({ description: 'Alles klopt: inhoud, elke handtekening, sleutels, log en controlepunt.' }) ok!: boolean;
  @Field() storedContentHash!: string;
  @Field() recomputedContentHash!: string;
  @Field() contentHashMatches!: boolean;
  @Field(() => Int, { nullable: true }) checkpointTreeSize!: number | null;
  @Field(() => String, { nullable: true }) checkpointRootHash!: string | null;
  @Field() checkpointSignatureValid!: boolean;
  @Field(() => [SignatureVerificationType]) signatures!: SignatureVerificationType[];

  static from(v: VersionVerification): ActionListVerificationType {
    return Object.assign(new ActionListVerificationType(), {
      versionId: v.version.id,
      ok: v.ok,
      storedContentHash: v.storedContentHash,
      recomputedContentHash: v.recomputedContentHash,
      contentHashMatches: v.contentHashMatches,
      checkpointTreeSize: v.checkpoint?.checkpoint.treeSize ?? null,
      checkpointRootHash: v.checkpoint?.checkpoint.rootHash ?? null,
      checkpointSignatureValid: v.checkpointSignatureValid,
      signatures: v.signatures.map(SignatureVerificationType.from),
    });
  }
}

@ObjectType('TransparencyCheckpoint', { description: 'Door het platform ondertekende stand van het log (grootte en wortel).' })
export class TransparencyCheckpointType {
  @Field() logId!: string;
  @Field(() => Int) treeSize!: number;
  @Field() rootHash!: string;
  @Field() timestamp!: string;
  @Field({ description: 'Losse JWS (EdDSA, b64:false) over de canonieke JSON van het controlepunt.' }) jws!: string;
  @Field({ description: 'De publieke Ed25519-sleutel van het platform (JWK als JSON).' }) platformKey!: string;

  static from(c: SignedCheckpoint, platformKey: string): TransparencyCheckpointType {
    return Object.assign(new TransparencyCheckpointType(), { ...c.checkpoint, jws: c.jws, platformKey });
  }
}

@ObjectType('TransparencyInclusionProof')
export class InclusionProofType {
  @Field(() => Int) index!: number;
  @Field(() => Int) treeSize!: number;
  @Field({ description: 'De logvermelding als canonieke JSON.' }) entryJson!: string;
  @Field() leafHash!: string;
  @Field(() => [String]) proof!: string[];
  @Field() rootHash!: string;

  static from(p: InclusionProofView): InclusionProofType {
    return Object.assign(new InclusionProofType(), {
      index: p.index,
      treeSize: p.treeSize,
      entryJson: canonicalJson(p.entry),
      leafHash: p.leafHash,
      proof: p.proof,
      rootHash: p.checkpoint.checkpoint.rootHash,
    });
  }
}

@ObjectType('TransparencyConsistencyProof')
export class ConsistencyProofType {
  @Field(() => Int) fromSize!: number;
  @Field(() => Int) toSize!: number;
  @Field() fromRootHash!: string;
  @Field() toRootHash!: string;
  @Field(() => [String]) proof!: string[];

  static from(p: ConsistencyProofView): ConsistencyProofType {
    return Object.assign(new ConsistencyProofType(), {
      fromSize: p.fromSize,
      toSize: p.toSize,
      fromRootHash: p.fromCheckpoint.checkpoint.rootHash,
      toRootHash: p.toCheckpoint.checkpoint.rootHash,
      proof: p.proof,
    });
  }
}

@ObjectType('ActionItemStatusChange')
export class ActionItemStatusType {
  @Field(() => ID) versionId!: string;
  @Field() itemId!: string;
  @Field(() => ActionItemStatusEnum) status!: ItemStatus;
  @Field() updatedAt!: Date;

  static from(r: ItemStatusRecord): ActionItemStatusType {
    return Object.assign(new ActionItemStatusType(), { versionId: r.versionId, itemId: r.itemId, status: r.status, updatedAt: r.updatedAt });
  }
}
