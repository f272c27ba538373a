export const REFERRAL_TOPICS = ['WERK', 'INKOMEN', 'SCHULDEN', 'TOESLAGEN', 'BELASTINGEN', 'ZORG', 'WONEN', 'JEUGD', 'OVERIG'] as const;
export type ReferralTopic = (typeof REFERRAL_TOPICS)[number];

/** How a topic reads in a Dutch sentence ("… over Werk."); no personal data, only the subject. */
export const REFERRAL_TOPIC_LABELS: Record<ReferralTopic, string> = {
  WERK: 'Werk',
  INKOMEN: 'Inkomen',
  SCHULDEN: 'Schulden',
  TOESLAGEN: 'Toeslagen',
  BELASTINGEN: 'Belastingen',
  ZORG: 'Zorg',
  WONEN: 'Wonen',
  JEUGD: 'Jeugd',
  OVERIG: 'een ander onderwerp',
};

export const URGENCIES = ['NORMAAL', 'HOOG', 'ACUUT'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const REFERRAL_STATUSES = ['OPEN', 'RESOLVED', 'WITHDRAWN'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const HANDOFF_STATUSES = ['REQUESTED', 'RECEIVED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'FORWARDED', 'RETURNED', 'CANCELLED'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

export const HANDOFF_ACTIONS = ['RECEIVE', 'ACCEPT', 'RECORD_CONTACT', 'COMPLETE', 'FORWARD', 'RETURN', 'CANCEL'] as const;
export type HandoffAction = (typeof HANDOFF_ACTIONS)[number];

export const OUTCOMES = ['GEHOLPEN', 'DEELS_GEHOLPEN', 'NIET_GEHOLPEN'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CONSENT_METHODS = ['MONDELING', 'SCHRIFTELIJK', 'DIGITAAL'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** VIA_VERWIJZER: contact through the referrer, the only way for a citizen flagged doNotContact. */
export const CONTACT_CHANNELS = ['TELEFOON', 'EMAIL', 'BALIE', 'BRIEF', 'HUISBEZOEK', 'VIA_VERWIJZER'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const BOTTLENECK_CATEGORIES = ['WET_EN_REGELGEVING', 'SYSTEEM', 'WERKPROCES', 'SAMENWERKING', 'CAPACITEIT', 'OVERIG'] as const;
export type BottleneckCategory = (typeof BOTTLENECK_CATEGORIES)[number];

export const HANDOFF_DIRECTIONS = ['INCOMING', 'OUTGOING'] as const;
export type HandoffDirection = (typeof HANDOFF_DIRECTIONS)[number];

export const TIMELINE_EVENT_TYPES = [
  'REQUESTED',
  'RECEIVED',
  'ACCEPTED',
  'CONTACT_RECORDED',
  'COMPLETED',
  'FORWARDED',
  'RETURNED',
  'CANCELLED',
  'NOTE_ADDED',
  'BOTTLENECK_FLAGGED',
  'ESCALATED',
  // AVG art. 16 and 21: recorded by the privacy officer or a case role (docs/security/inzage-and-keys.md).
  'CORRECTION_REQUESTED',
  'OBJECTION_RECORDED',
  // The warm moment (issue 13): a callback booked at the desk, a live handoff, a household bundle.
  'CALLBACK_BOOKED',
  'CALLBACK_RELEASED',
  'LIVE_REQUESTED',
  'LIVE_PICKED_UP',
  'LIVE_FELL_BACK',
  'BUNDLE_LINKED',
] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];
