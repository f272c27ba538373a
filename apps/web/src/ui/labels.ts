import type {
  CallbackBookingStatus,
  PartOfDay,
  ActionItemStatus,
  ActionListVersionStatus,
  BottleneckCategory,
  BottleneckGrouping,
  BundleMemberRole,
  BundleStatus,
  ConsentMethod,
  ContactChannel,
  DoorReach,
  EmployeeRole,
  HandoffAction,
  HandoffStatus,
  LiveHandoffStatus,
  LearningStoryStatus,
  Outcome,
  ProposalStatus,
  ReferralStatus,
  ReferralTopic,
  ReportScope,
  ReviewDecision,
  SignatureIntent,
  SigningKeyStatus,
  TimelineEventType,
  Urgency,
} from '../api/generated';

// The words users read (B1 Dutch), one place for every enum the API sends.

export const STATUS_LABEL: Record<HandoffStatus, string> = {
  REQUESTED: 'Nieuw',
  RECEIVED: 'Geopend',
  ACCEPTED: 'Opgepakt',
  IN_PROGRESS: 'Contact gehad',
  COMPLETED: 'Afgerond',
  FORWARDED: 'Doorgestuurd',
  RETURNED: 'Teruggestuurd',
  CANCELLED: 'Ingetrokken',
};

export const REFERRAL_STATUS_LABEL: Record<ReferralStatus, string> = {
  OPEN: 'Loopt nog',
  RESOLVED: 'Afgerond',
  WITHDRAWN: 'Ingetrokken',
};

export const TOPIC_LABEL: Record<ReferralTopic, string> = {
  WERK: 'Werk',
  INKOMEN: 'Inkomen',
  TOESLAGEN: 'Toeslagen',
  BELASTINGEN: 'Belastingen',
  SCHULDEN: 'Schulden',
  WONEN: 'Wonen',
  ZORG: 'Zorg',
  JEUGD: 'Jeugd',
  OVERIG: 'Iets anders',
};

export const URGENCY_LABEL: Record<Urgency, string> = {
  NORMAAL: 'Normaal',
  HOOG: 'Hoog',
  ACUUT: 'Acuut (vandaag nog)',
};

export const CHANNEL_LABEL: Record<ContactChannel, string> = {
  TELEFOON: 'Telefoon',
  EMAIL: 'E-mail',
  BRIEF: 'Brief',
  BALIE: 'Aan de balie',
  HUISBEZOEK: 'Huisbezoek',
  VIA_VERWIJZER: 'Via de verwijzer',
};

export const CONSENT_METHOD_LABEL: Record<ConsentMethod, string> = {
  MONDELING: 'Mondeling gevraagd',
  SCHRIFTELIJK: 'Schriftelijk (op papier)',
  DIGITAAL: 'Digitaal',
};

export const OUTCOME_LABEL: Record<Outcome, string> = {
  GEHOLPEN: 'Geholpen',
  DEELS_GEHOLPEN: 'Deels geholpen',
  NIET_GEHOLPEN: 'Niet geholpen',
};

export const BOTTLENECK_LABEL: Record<BottleneckCategory, string> = {
  WET_EN_REGELGEVING: 'Wet- en regelgeving',
  WERKPROCES: 'Werkproces',
  SYSTEEM: 'Systeem',
  SAMENWERKING: 'Samenwerking',
  CAPACITEIT: 'Capaciteit',
  OVERIG: 'Iets anders',
};

export const TIMELINE_LABEL: Record<TimelineEventType, string> = {
  REQUESTED: 'Doorverwezen',
  RECEIVED: 'Geopend',
  ACCEPTED: 'Opgepakt',
  CONTACT_RECORDED: 'Contact met de inwoner',
  COMPLETED: 'Afgerond',
  FORWARDED: 'Doorgestuurd',
  RETURNED: 'Teruggestuurd',
  CANCELLED: 'Ingetrokken',
  ESCALATED: 'Termijn voorbij, opgeschaald',
  NOTE_ADDED: 'Notitie',
  BOTTLENECK_FLAGGED: 'Knelpunt gemeld',
  CORRECTION_REQUESTED: 'Verzoek om verbetering (AVG)',
  OBJECTION_RECORDED: 'Bezwaar vastgelegd (AVG)',
  CALLBACK_BOOKED: 'Terugbelafspraak gemaakt',
  CALLBACK_RELEASED: 'Terugbelafspraak vervallen',
  LIVE_REQUESTED: 'Live overdracht gevraagd',
  LIVE_PICKED_UP: 'Live overgenomen',
  LIVE_FELL_BACK: 'Live overdracht niet opgepakt, gewone overdracht (acuut)',
  BUNDLE_LINKED: 'Onderdeel van een bundel',
};

export const ACTION_LABEL: Record<HandoffAction, string> = {
  RECEIVE: 'Openen',
  ACCEPT: 'Oppakken',
  RECORD_CONTACT: 'Contact vastleggen',
  COMPLETE: 'Afronden',
  FORWARD: 'Doorsturen',
  RETURN: 'Terugsturen',
  CANCEL: 'Intrekken',
};

export const ROLE_LABEL: Record<EmployeeRole, string> = {
  BALIE: 'baliemedewerker',
  BEHANDELAAR: 'behandelaar',
  COORDINATOR: 'coördinator',
  SECRETARIS: 'secretaris',
  BELEID: 'beleidsmedewerker',
  BEHEERDER: 'beheerder',
  OPERATOR: 'platformbeheerder',
  PRIVACY: 'privacymedewerker',
};

/** Options for a select or radio group from one of the label records above, in their order. */
export const ACTION_LIST_STATUS_LABEL: Record<ActionListVersionStatus, string> = {
  DRAFT: 'Concept',
  OPEN_FOR_SIGNING: 'Ter ondertekening',
  FINAL: 'Definitief',
  DECLINED: 'Afgewezen',
  SUPERSEDED: 'Vervangen',
};

export const ACTION_ITEM_STATUS_LABEL: Record<ActionItemStatus, string> = {
  OPEN: 'Nog niet begonnen',
  IN_PROGRESS: 'Bezig',
  DONE: 'Klaar',
};

export const SIGNATURE_INTENT_LABEL: Record<SignatureIntent, string> = {
  APPROVE: 'Ondertekend',
  DECLINE: 'Afgewezen',
};

export const SIGNING_KEY_STATUS_LABEL: Record<SigningKeyStatus, string> = {
  VALID: 'Geldig',
  NOT_YET_VALID: 'Nog niet geldig',
  REVOKED: 'Ingetrokken',
  UNKNOWN: 'Onbekend',
};

export const REPORT_SCOPE_LABEL: Record<ReportScope, string> = {
  ORGANISATION: 'Mijn organisatie',
  ACTION_LIST: 'Alle partijen van een actielijst',
};

export const BOTTLENECK_GROUPING_LABEL: Record<BottleneckGrouping, string> = {
  CATEGORY: 'Soort knelpunt',
  RULE: 'Regel of systeem',
  ORGANISATION: 'Organisatie',
  TOPIC: 'Onderwerp',
};

export const LEARNING_STORY_STATUS_LABEL: Record<LearningStoryStatus, string> = {
  TER_REVIEW: 'Ter beoordeling',
  GOEDGEKEURD: 'Goedgekeurd',
  AFGEWEZEN: 'Afgewezen',
};

export const PROPOSAL_STATUS_LABEL: Record<ProposalStatus, string> = {
  INGEDIEND: 'Ingediend',
  IN_BEHANDELING: 'In behandeling',
  OPGELOST: 'Opgelost',
  AFGEWEZEN: 'Afgewezen',
};

export const REVIEW_DECISION_LABEL: Record<ReviewDecision, string> = {
  APPROVE: 'Goedkeuren',
  REJECT: 'Afwijzen',
};

export const BUNDLE_STATUS_LABEL: Record<BundleStatus, string> = {
  CREATING: 'Wordt aangemaakt',
  OPEN: 'Open',
  CLOSED: 'Gesloten',
};

export const BUNDLE_MEMBER_ROLE_LABEL: Record<BundleMemberRole, string> = {
  AANVRAGER: 'Aanvrager',
  PARTNER: 'Partner',
  KIND: 'Kind',
  HUISGENOOT: 'Huisgenoot',
};

/** How professionals reach a door (sociale kaart). */
export const DOOR_REACH_LABEL: Record<DoorReach, string> = {
  DIRECTE_LIJN: 'Directe lijn voor professionals',
  LIVE: 'Live overdragen in Schakel',
};

/** Callbacks booked at the desk: the part of day and the booking's state. */
export const PART_OF_DAY_LABEL: Record<PartOfDay, string> = {
  OCHTEND: 'ochtend (9.00 tot 12.00 uur)',
  MIDDAG: 'middag (13.00 tot 17.00 uur)',
};

export const CALLBACK_STATUS_LABEL: Record<CallbackBookingStatus, string> = {
  BOOKED: 'Afgesproken',
  RELEASED: 'Vervallen',
};

export function optionsOf<T extends string>(labels: Record<T, string>): Array<{ value: T; label: string }> {
  return (Object.entries(labels) as Array<[T, string]>).map(([value, label]) => ({ value, label }));
}

export const LIVE_HANDOFF_STATUS_LABEL: Record<LiveHandoffStatus, string> = {
  REQUESTED: 'Wacht op een dienstdoende',
  PICKED_UP: 'Live overgenomen',
  FELL_BACK: 'Niemand nam op (acuut)',
  CANCELLED: 'Ingetrokken',
};
