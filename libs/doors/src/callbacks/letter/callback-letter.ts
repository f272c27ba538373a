import { REFERRAL_TOPIC_LABELS } from '@schakel/referrals';
import { DateTime } from 'luxon';
import { ZONE } from '@schakel/follow-ups';
import { PART_TIMES } from '../callbacks.enums';
import { slotInWords } from '../slots';
import type { DoorRecord } from '../../door.model';
import type { LetterCase } from '../store/callbacks.store';

/** What the letter is made of: the case's booking and topic, and the door (its name, organisation and checklist). */
export interface LetterFacts extends LetterCase {
  door: DoorRecord;
}

/** One part of the afsprakenbriefje: a heading with sentences and, for the checklist, a list. */
export interface LetterSection {
  heading: string;
  paragraphs: string[];
  items: string[];
}

/** The afsprakenbriefje's content, shared by the screen's print view and the PDF. */
export interface CallbackLetter {
  bookingId: string;
  title: string;
  reference: string;
  cancelled: boolean;
  sections: LetterSection[];
}

function hour(t: { hour: number; minute: number }): string {
  return `${t.hour}.${String(t.minute).padStart(2, '0')} uur`;
}

/**
 * The afsprakenbriefje in B1 Dutch: who will call, when, about what, what to keep at hand, what
 * to do if nobody calls, and the reference. Built from the booking, the door and the referral's
 * topic only: it never holds the citizen's name, BSN, phone, e-mail or story.
 *
 * "If nobody calls" points to the organisation where the callback was booked (the citizen's own
 * front desk), not to the door's phone number: that number is the professionals' direct line.
 */
export function buildCallbackLetter(f: LetterFacts): CallbackLetter {
  const b = f.booking;
  const times = PART_TIMES[b.partOfDay];
  const topic = REFERRAL_TOPIC_LABELS[f.topic];
  const day = DateTime.fromJSDate(b.slotStart, { zone: ZONE }).setLocale('nl').toFormat('cccc d LLLL');
  const sections: LetterSection[] = [];
  const cancelled = b.status === 'RELEASED';
  if (cancelled) {
    sections.push({ heading: 'Let op', paragraphs: ['Deze afspraak gaat niet door. U wordt niet gebeld op het moment hieronder.'], items: [] });
  }
  sections.push(
    { heading: 'Wie belt u?', paragraphs: [`Een medewerker van ${f.door.organisationName} belt u. Het loket heet: ${f.door.name}.`], items: [] },
    {
      heading: 'Wanneer?',
      paragraphs: [`Op ${slotInWords({ start: b.slotStart, partOfDay: b.partOfDay })}.`, `U wordt gebeld tussen ${hour(times.start)} en ${hour(times.end)}. Wij bellen naar het telefoonnummer dat u aan de balie hebt gegeven.`],
      items: [],
    },
    { heading: 'Waarover?', paragraphs: [`Over uw vraag over ${topic.toLowerCase()}. U hoeft uw verhaal niet opnieuw te vertellen. De medewerker weet waar het over gaat.`], items: [] },
    f.door.checklist.length > 0
      ? { heading: 'Houd dit bij de hand', paragraphs: ['Leg dit klaar voordat u wordt gebeld:'], items: f.door.checklist }
      : { heading: 'Houd dit bij de hand', paragraphs: ['U hoeft niets klaar te leggen.'], items: [] },
    {
      heading: 'Heeft niemand gebeld?',
      paragraphs: [
        `Bent u op ${day} om ${hour(times.end)} nog niet gebeld? Neem dan contact op met ${f.senderOrganisationName}. Daar is deze afspraak gemaakt.`,
        'Noem dan het kenmerk hieronder. Dan kunnen zij uw afspraak snel vinden.',
      ],
      items: [],
    },
    { heading: 'Uw kenmerk', paragraphs: [`Kenmerk: ${b.reference}`], items: [] },
  );
  return { bookingId: b.id, title: 'Afsprakenbriefje: wij bellen u terug', reference: b.reference, cancelled, sections };
}
