import { type ConsentMethod, type HandoffStatus, REFERRAL_TOPIC_LABELS, type ReferralStatus, type TimelineEventType } from '../referral.enums';
import type { SubjectAccessReport } from './subject-access.service';

// Records over the unions: a new status, event type or consent method does not compile without its Dutch label.
const STATUS: Record<ReferralStatus, string> = { OPEN: 'loopt nog', RESOLVED: 'afgerond', WITHDRAWN: 'ingetrokken' };
const HANDOFF_STATUS: Record<HandoffStatus, string> = {
  REQUESTED: 'doorverwezen',
  RECEIVED: 'geopend',
  ACCEPTED: 'opgepakt',
  IN_PROGRESS: 'in behandeling',
  COMPLETED: 'afgerond',
  FORWARDED: 'doorgestuurd',
  RETURNED: 'teruggestuurd',
  CANCELLED: 'ingetrokken',
};
const EVENT: Record<TimelineEventType, string> = {
  REQUESTED: 'Doorverwezen',
  RECEIVED: 'Geopend',
  ACCEPTED: 'Opgepakt',
  CONTACT_RECORDED: 'Contact met u',
  COMPLETED: 'Afgerond',
  FORWARDED: 'Doorgestuurd',
  RETURNED: 'Teruggestuurd',
  CANCELLED: 'Ingetrokken',
  NOTE_ADDED: 'Notitie',
  BOTTLENECK_FLAGGED: 'Knelpunt gemeld',
  ESCALATED: 'Termijn voorbij',
  CORRECTION_REQUESTED: 'Verzoek om verbetering',
  OBJECTION_RECORDED: 'Bezwaar',
  CALLBACK_BOOKED: 'Terugbelafspraak gemaakt',
  CALLBACK_RELEASED: 'Terugbelafspraak vervallen',
  LIVE_REQUESTED: 'Direct overdragen gevraagd',
  LIVE_PICKED_UP: 'Direct overgenomen',
  LIVE_FELL_BACK: 'Niet direct overgenomen, met spoed doorverwezen',
  BUNDLE_LINKED: 'Onderdeel van een gezamenlijke aanpak',
};
const CONSENT: Record<ConsentMethod, string> = { MONDELING: 'mondeling', SCHRIFTELIJK: 'schriftelijk', DIGITAAL: 'digitaal' };

const date = (d: Date | string): string =>
  new Date(d).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Text a person typed goes in as plain text: no Markdown of its own, one line. */
const text = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').replace(/([\\`*_[\]#<>|])/g, '\\$1').trim() || '—';

/**
 * The inzage report as a document for the citizen: Markdown in plain Dutch (B1). It never holds
 * the BSN (the citizen knows it; the document may be printed or mailed) nor names of employees.
 */
export function renderSubjectAccessDocument(report: SubjectAccessReport): string {
  const lines: string[] = [];
  lines.push('# Overzicht van uw gegevens in Schakel', '');
  lines.push(
    `U vroeg welke gegevens over u in Schakel staan. Dit overzicht maakte ${text(report.organisation)} op ${date(report.generatedAt)}. ` +
      'Schakel is het systeem waarmee gemeenten, UWV, SVB en de Belastingdienst u samen helpen: de ene organisatie draagt uw vraag over aan de andere.',
    '',
  );
  lines.push(
    'In dit overzicht staan alle doorverwijzingen waarin onze organisatie meedoet, en wie wanneer iets met uw gegevens deed en waarom. ' +
      'Namen van medewerkers staan er niet in; wel de organisatie.',
    '',
  );
  if (!report.complete) lines.push('Let op: dit overzicht is ingekort omdat er heel veel gegevens zijn. Vraag ons om de rest.', '');

  lines.push('## Uw doorverwijzingen', '');
  if (report.referrals.length === 0) lines.push('Wij vonden geen doorverwijzingen over u.', '');
  report.referrals.forEach((r, i) => {
    lines.push(`### ${i + 1}. ${REFERRAL_TOPIC_LABELS[r.topic]}, gestart op ${date(r.createdAt)}`, '');
    lines.push(`- Gestart door: ${text(r.originOrganisation)}`);
    lines.push(`- Stand: ${STATUS[r.status]}${r.closedAt ? ` (sinds ${date(r.closedAt)})` : ''}`);
    lines.push(`- Uw verhaal zoals het is opgeschreven: ${text(r.summary)}`);
    lines.push(`- Naam: ${text(r.citizen.name)}`);
    if (r.citizen.contactHidden) {
      lines.push('- Telefoon en e-mail: afgeschermd. Alleen de organisatie die u doorverwees, ziet ze. Vraag die organisatie om deze gegevens.');
    } else {
      lines.push(`- Telefoon: ${text(r.citizen.phone)}`);
      lines.push(`- E-mail: ${text(r.citizen.email)}`);
    }
    lines.push(`- Alleen contact via de verwijzer: ${r.citizen.doNotContact ? 'ja' : 'nee'}`, '');
    if (r.handoffs.length) {
      lines.push('Overdrachten:', '');
      for (const h of r.handoffs) {
        const extra = [h.reason && `reden: ${text(h.reason)}`, h.summary && `toelichting: ${text(h.summary)}`, h.outcomeNote && `uitkomst: ${text(h.outcomeNote)}`].filter(Boolean).join('; ');
        lines.push(`- ${h.sequence}. Van ${text(h.from)} naar ${text(h.to)}, ${date(h.requestedAt)}: ${HANDOFF_STATUS[h.status]}${extra ? ` (${extra})` : ''}`);
      }
      lines.push('');
    }
    if (r.consents.length) {
      lines.push('Uw toestemming:', '');
      for (const c of r.consents) lines.push(`- Voor ${text(c.organisation)}, ${CONSENT[c.method]} gegeven, vastgelegd op ${date(c.recordedAt)}`);
      lines.push('');
    }
    if (r.timeline.length) {
      lines.push('Wat er gebeurde:', '');
      for (const t of r.timeline) lines.push(`- ${date(t.occurredAt)}: ${EVENT[t.type]} door ${text(t.organisation)}${t.note ? `: ${text(t.note)}` : ''}`);
      lines.push('');
    }
    if (r.bottlenecks.length) {
      lines.push('Knelpunten die medewerkers meldden:', '');
      for (const b of r.bottlenecks) lines.push(`- ${date(b.createdAt)}: ${text(b.description)}${b.rule ? ` (regel: ${text(b.rule)})` : ''}${b.customSolution ? ` (maatwerk: ${text(b.customSolution)})` : ''}`);
      lines.push('');
    }
  });

  lines.push('## Wie deed wat met uw gegevens', '');
  if (report.processing.length === 0) lines.push('Er is niets vastgelegd.', '');
  for (const p of report.processing) lines.push(`- ${date(p.occurredAt)}, ${text(p.organisation)}: ${p.purpose}`);
  lines.push('');
  lines.push('## Klopt er iets niet?', '');
  lines.push(
    'U mag vragen om gegevens te verbeteren, en u mag bezwaar maken tegen het gebruik ervan. ' +
      'Neem contact op met de privacymedewerker van de organisatie die dit overzicht maakte. Wij leggen uw verzoek vast bij de doorverwijzing.',
    '',
  );
  return lines.join('\n');
}
