import type { BottleneckCategory, ConsentMethod, ContactChannel, Outcome, ReferralTopic, Urgency } from './referral.enums';

/** What the services accept; the GraphQL inputs are validated and mapped onto these. */
export interface CitizenDetails {
  bsn: string;
  name: string;
  phone?: string | null;
  email?: string | null;
  preferredChannel?: ContactChannel | null;
  doNotContact?: boolean | null;
}

export interface ConsentDetails {
  given: boolean;
  method: ConsentMethod;
  /** The organisation the consent covers; defaults to the receiver being named. */
  organisationId?: string | null;
}

export interface BottleneckDetails {
  category: BottleneckCategory;
  rule?: string | null;
  description: string;
  customSolutionApplied?: boolean | null;
  customSolution?: string | null;
}

export interface CreateReferralCommand {
  citizen: CitizenDetails;
  toOrganisationId: string;
  topic: ReferralTopic;
  summary: string;
  urgency?: Urgency | null;
  consent: ConsentDetails;
  bottleneck?: BottleneckDetails | null;
  idempotencyKey?: string | null;
}

export interface VersionedCommand {
  expectedVersion: number;
}
export interface AcceptCommand extends VersionedCommand {
  assigneeId?: string | null;
}
export interface RecordContactCommand extends VersionedCommand {
  note: string;
  channel: ContactChannel;
}
export interface CompleteCommand extends VersionedCommand {
  outcome: Outcome;
  note?: string | null;
}
export interface ForwardCommand extends VersionedCommand {
  toOrganisationId: string;
  reason: string;
  summary?: string | null;
  consent: ConsentDetails;
}
export interface ReasonCommand extends VersionedCommand {
  reason: string;
}
