import type { ItemStatus } from './action-list.enums';
import type { SignatureIntent } from '@schakel/signing';

/** A draft as the client edits it; the server turns it into the signed content shape. */
export interface DraftInput {
  title: string;
  description: string;
  /** Organisation ids; the owner organisation is always a party (added when missing). */
  partyOrganisationIds: string[];
  items: Array<{ id?: string | null; description: string; ownerOrganisationId: string; dueDate?: string | null }>;
  agreements: Array<{ receivingOrganisationId: string; topic?: string | null; acceptWithinWorkingDays: number; firstContactWithinWorkingDays: number }>;
}

export interface ItemStatusInput {
  versionId: string;
  itemId: string;
  status: ItemStatus;
}

export interface SignInput {
  versionId: string;
  /** The statement as JSON text, exactly as signingStatement gave it (or the same members). */
  statement: string;
  jws: string;
  intent: SignatureIntent;
  reason?: string | null;
}
