import type { BottleneckCategory, ConsentMethod, ContactChannel, CreateReferralInput, ReferralTopic, Urgency } from '../api/generated';
import { checkBsn } from './bsn';

/** What the balie fills in; kept as plain strings so the form never loses a half-typed value. */
export interface ReferralDraft {
  bsn: string;
  name: string;
  phone: string;
  email: string;
  preferredChannel: ContactChannel | '';
  doNotContact: boolean;
  toOrganisationId: string;
  topic: ReferralTopic | '';
  summary: string;
  urgency: Urgency;
  consentGiven: boolean;
  consentMethod: ConsentMethod | '';
  withBottleneck: boolean;
  bottleneckCategory: BottleneckCategory | '';
  bottleneckDescription: string;
  bottleneckRule: string;
  customSolutionApplied: boolean;
  customSolution: string;
}

export type DraftField = keyof ReferralDraft;
export type DraftErrors = Partial<Record<DraftField, string>>;

export const EMPTY_DRAFT: ReferralDraft = {
  bsn: '',
  name: '',
  phone: '',
  email: '',
  preferredChannel: '',
  doNotContact: false,
  toOrganisationId: '',
  topic: '',
  summary: '',
  urgency: 'NORMAAL',
  consentGiven: false,
  consentMethod: '',
  withBottleneck: false,
  bottleneckCategory: '',
  bottleneckDescription: '',
  bottleneckRule: '',
  customSolutionApplied: false,
  customSolution: '',
};

export const SUMMARY_MAX = 4000;
const PHONE = /^[+0-9 ()-]{6,40}$/;
// The same shape class-validator's IsEmail accepts in practice; the API decides in the end.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

const blank = (s: string) => s.trim().length === 0;

/** The form's rules, in the order the fields appear. Empty result: ready to send. */
export function validateDraft(d: ReferralDraft): DraftErrors {
  const errors: DraftErrors = {};
  const bsn = checkBsn(d.bsn);
  if (bsn.state === 'empty') errors.bsn = 'Vul het BSN van de inwoner in.';
  else if (bsn.state !== 'valid') errors.bsn = bsn.message;
  if (blank(d.name)) errors.name = 'Vul de naam van de inwoner in.';
  else if (d.name.trim().length > 200) errors.name = 'De naam is te lang (hoogstens 200 tekens).';
  if (!blank(d.phone) && !PHONE.test(d.phone.trim())) errors.phone = 'Een telefoonnummer heeft alleen cijfers, spaties, +, - en haakjes.';
  if (!blank(d.email) && !EMAIL.test(d.email.trim())) errors.email = 'Dit is geen geldig e-mailadres, bijvoorbeeld naam@voorbeeld.nl.';
  if (d.doNotContact && d.preferredChannel !== '' && d.preferredChannel !== 'VIA_VERWIJZER') {
    errors.preferredChannel = 'Bij "niet rechtstreeks benaderen" loopt het contact via u: kies "Via de verwijzer".';
  }
  if (d.toOrganisationId === '') errors.toOrganisationId = 'Kies de organisatie die de inwoner verder helpt.';
  if (d.topic === '') errors.topic = 'Kies waar de hulpvraag over gaat.';
  if (blank(d.summary)) errors.summary = 'Schrijf het verhaal op, zodat de inwoner het niet opnieuw hoeft te vertellen.';
  else if (d.summary.trim().length > SUMMARY_MAX) errors.summary = `Het verhaal is te lang (hoogstens ${SUMMARY_MAX} tekens).`;
  if (!d.consentGiven) errors.consentGiven = 'Vraag de inwoner om toestemming. Zonder toestemming kunt u niet doorverwijzen.';
  if (d.consentMethod === '') errors.consentMethod = 'Kies hoe u de toestemming vroeg.';
  if (d.withBottleneck) {
    if (d.bottleneckCategory === '') errors.bottleneckCategory = 'Kies wat voor knelpunt het is.';
    if (blank(d.bottleneckDescription)) errors.bottleneckDescription = 'Beschrijf het knelpunt.';
    if (d.customSolutionApplied && blank(d.customSolution)) errors.customSolution = 'Beschrijf welk maatwerk u toepaste en waarom.';
  }
  return errors;
}

const optional = (s: string) => (blank(s) ? undefined : s.trim());

/** The API input; only call with a draft that passed validateDraft. */
export function toCreateReferralInput(d: ReferralDraft, idempotencyKey: string): CreateReferralInput {
  const bsn = checkBsn(d.bsn);
  return {
    idempotencyKey,
    toOrganisationId: d.toOrganisationId,
    topic: d.topic as ReferralTopic,
    urgency: d.urgency,
    summary: d.summary.trim(),
    citizen: {
      bsn: bsn.state === 'valid' ? bsn.bsn : d.bsn.trim(),
      name: d.name.trim(),
      phone: optional(d.phone),
      email: optional(d.email),
      preferredChannel: d.doNotContact ? 'VIA_VERWIJZER' : d.preferredChannel || undefined,
      doNotContact: d.doNotContact,
    },
    consent: { given: d.consentGiven, method: d.consentMethod as ConsentMethod, organisationId: d.toOrganisationId },
    bottleneck: d.withBottleneck
      ? {
          category: d.bottleneckCategory as BottleneckCategory,
          description: d.bottleneckDescription.trim(),
          rule: optional(d.bottleneckRule),
          customSolutionApplied: d.customSolutionApplied,
          customSolution: d.customSolutionApplied ? optional(d.customSolution) : undefined,
        }
      : undefined,
  };
}

/** Which form field shows a refusal about an API input path. */
export function fieldForInputPath(path: string): DraftField | undefined {
  const p = path.replace(/^input\./, '');
  const map: Record<string, DraftField> = {
    'citizen.bsn': 'bsn',
    'citizen.name': 'name',
    'citizen.phone': 'phone',
    'citizen.email': 'email',
    'citizen.preferredChannel': 'preferredChannel',
    'citizen.doNotContact': 'doNotContact',
    toOrganisationId: 'toOrganisationId',
    topic: 'topic',
    summary: 'summary',
    urgency: 'urgency',
    'consent.given': 'consentGiven',
    'consent.method': 'consentMethod',
    'consent.organisationId': 'consentGiven',
    'bottleneck.category': 'bottleneckCategory',
    'bottleneck.description': 'bottleneckDescription',
    'bottleneck.rule': 'bottleneckRule',
    'bottleneck.customSolution': 'customSolution',
  };
  return map[p];
}
