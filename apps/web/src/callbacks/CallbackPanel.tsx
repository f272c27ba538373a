import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Fieldset, FieldsetLegend, FormLabel, Heading2, Heading3, Paragraph, RadioButton } from '@utrecht/component-library-react';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import {
  BookCallbackDocument,
  CallbackBookingsDocument,
  CallbackDoorsDocument,
  CallbackLetterDocument,
  CallbackSlotsDocument,
  CancelCallbackDocument,
  type CallbackBookingFieldsFragment,
  type CallbackSlotsQuery,
  type ReferralDetailFragment,
} from '../api/generated';
import { errorsByField, userFacingErrors } from '../api/errors';
import { CASE_ROLES, hasRole, useMe } from '../app/me';
import { AppLink } from '../ui/AppLink';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary, RadioGroupField, TextAreaField } from '../ui/fields';
import { CallbackLetterView } from './CallbackLetterView';
import { downloadCallbackLetterPdf } from './downloads';
import './callbacks.css';

type Slot = CallbackSlotsQuery['callbackSlots']['slots'][number];

const dayFormat = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Amsterdam' });
const PART_WORDS = { OCHTEND: 'Ochtend, 9.00 tot 12.00 uur', MIDDAG: 'Middag, 13.00 tot 17.00 uur' } as const;
const FIELD_LABELS = { loket: 'Loket', tijdvak: 'Tijdvak' };

function doorIdFromState(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('doorId' in state)) return null;
  return typeof state.doorId === 'string' ? state.doorId : null;
}

function newKey(): string {
  return crypto.randomUUID();
}

/** What the panel reads of a referral: its links, the last one being the current handoff. */
type ReferralLinks = { handoffs: ReadonlyArray<Pick<ReferralDetailFragment['handoffs'][number], 'id' | 'status' | 'from' | 'to'>> };

/**
 * On the referral page, for the sending side: book a callback with a door of the receiving
 * organisation while the citizen is at the desk, then give them the afsprakenbriefje.
 */
export function CallbackPanel({ referral }: { referral: ReferralLinks }) {
  const me = useMe();
  const handoff = referral.handoffs[referral.handoffs.length - 1];
  const isSender = Boolean(handoff) && handoff.from.id === me.organisation.id && hasRole(me, CASE_ROLES);
  const { data, refetch } = useQuery(CallbackBookingsDocument, { variables: { handoffId: handoff?.id ?? '' }, skip: !isSender });
  if (!handoff || !isSender) return null;
  const current = data?.callbackBookings.find((b) => b.status === 'BOOKED');
  const open = handoff.status === 'REQUESTED' || handoff.status === 'RECEIVED';
  if (!current && !open) return null;
  return (
    <section aria-labelledby="terugbelafspraak-titel" className="schakel-panel" data-testid="terugbelafspraak">
      <Heading2 id="terugbelafspraak-titel">{current ? 'Terugbelafspraak' : 'Terugbelafspraak maken'}</Heading2>
      {current ? (
        <BookedCallback booking={current} onChanged={() => refetch()} />
      ) : data ? (
        <BookingForm handoffId={handoff.id} receiverId={handoff.to.id} receiverName={handoff.to.name} onBooked={() => refetch()} />
      ) : (
        <Paragraph role="status">Laden…</Paragraph>
      )}
    </section>
  );
}

function BookingForm({ handoffId, receiverId, receiverName, onBooked }: { handoffId: string; receiverId: string; receiverName: string; onBooked: () => Promise<unknown> }) {
  const location = useLocation();
  const announce = useAnnounce();
  const { data: doorsData } = useQuery(CallbackDoorsDocument, { variables: { organisationId: receiverId } });
  const doors = useMemo(() => (doorsData?.doors ?? []).filter((d) => d.active && d.organisationId === receiverId), [doorsData, receiverId]);
  const [doorId, setDoorId] = useState('');
  const [slotStart, setSlotStart] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const key = useRef(newKey());
  const [book, { loading }] = useMutation(BookCallbackDocument);

  // The door chosen on the new-referral form, when it is one of this receiver's.
  useEffect(() => {
    if (doorId || doors.length === 0) return;
    const wanted = doorIdFromState(location.state);
    const preselect = doors.find((d) => d.id === wanted) ?? (doors.length === 1 ? doors[0] : undefined);
    if (preselect) setDoorId(preselect.id);
  }, [doors, doorId, location.state]);

  const { data: slotsData, refetch: refetchSlots } = useQuery(CallbackSlotsDocument, { variables: { doorId, days: 10 }, skip: !doorId, fetchPolicy: 'cache-and-network' });
  const slots = slotsData?.callbackSlots.doorId === doorId ? slotsData.callbackSlots.slots : [];
  const days = useMemo(() => {
    const byDay = new Map<string, Slot[]>();
    for (const s of slots) byDay.set(s.date, [...(byDay.get(s.date) ?? []), s]);
    return [...byDay.entries()];
  }, [slots]);

  if (!doorsData) return <Paragraph role="status">Loketten laden…</Paragraph>;
  if (doors.length === 0) return <Paragraph>{receiverName} heeft geen loket op de sociale kaart. Een terugbelafspraak maken kan daarom niet.</Paragraph>;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!doorId) found.loket = 'Kies een loket.';
    if (!slotStart) found.tijdvak = 'Kies een tijdvak.';
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      window.setTimeout(() => document.getElementById('terugbel-fouten')?.focus(), 0);
      return;
    }
    try {
      await book({ variables: { input: { handoffId, doorId, slotStart, idempotencyKey: key.current } } });
      key.current = newKey();
      announce('De terugbelafspraak is gemaakt. Het afsprakenbriefje staat klaar.');
      await onBooked();
    } catch (err) {
      const { byField, general: rest } = errorsByField(err, (path) => (path.endsWith('slotStart') ? 'tijdvak' : path.endsWith('doorId') ? 'loket' : undefined));
      // A full slot or a changed request: a new attempt is a new request.
      key.current = newKey();
      setErrors(byField);
      setGeneral(rest);
      setSlotStart('');
      await refetchSlots();
      window.setTimeout(() => document.getElementById('terugbel-fouten')?.focus(), 0);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Paragraph>Spreek met de inwoner een moment af waarop {receiverName} terugbelt. Dat moment wordt de termijn voor het eerste contact.</Paragraph>
      <ErrorSummary id="terugbel-fouten" errors={errors} labels={FIELD_LABELS} general={general} />
      <RadioGroupField
        id="loket"
        label="Welk loket belt terug?"
        required
        value={doorId}
        onChange={(v) => {
          setDoorId(v);
          setSlotStart('');
        }}
        error={errors.loket}
        options={doors.map((d) => ({ value: d.id, label: d.name }))}
      />
      {doorId && (
        <Fieldset id="tijdvak" invalid={Boolean(errors.tijdvak)} aria-describedby={errors.tijdvak ? 'tijdvak-fout' : undefined} className="schakel-field" required>
          <FieldsetLegend>Kies een tijdvak</FieldsetLegend>
          {errors.tijdvak && (
            <p id="tijdvak-fout" className="utrecht-form-field-error-message schakel-field-error">
              {errors.tijdvak}
            </p>
          )}
          {!slotsData && <Paragraph role="status">Tijdvakken laden…</Paragraph>}
          {slotsData && days.length === 0 && <Paragraph>Dit loket heeft de komende 10 werkdagen geen tijd om terug te bellen. Kies een ander loket.</Paragraph>}
          {days.map(([date, daySlots]) => (
            <Fieldset key={date} className="schakel-callback-day">
              <FieldsetLegend>{dayFormat.format(new Date(daySlots[0].start))}</FieldsetLegend>
              {daySlots.map((s) => {
                const id = `tijdvak-${s.start.replace(/[^0-9]/g, '')}`;
                return (
                  <div key={s.start} className="schakel-radio-row">
                    <RadioButton id={id} name="tijdvak" value={s.start} checked={slotStart === s.start} disabled={s.free === 0} onChange={() => setSlotStart(s.start)} />
                    <FormLabel htmlFor={id} type="radio" checked={slotStart === s.start} disabled={s.free === 0}>
                      {PART_WORDS[s.partOfDay]}: {s.free === 0 ? 'vol' : s.free === 1 ? 'nog 1 plek' : `nog ${s.free} plekken`}
                    </FormLabel>
                  </div>
                );
              })}
            </Fieldset>
          ))}
        </Fieldset>
      )}
      <Button appearance="primary-action-button" type="submit" busy={loading}>
        Terugbelafspraak maken
      </Button>
    </form>
  );
}

function BookedCallback({ booking, onChanged }: { booking: CallbackBookingFieldsFragment; onChanged: () => Promise<unknown> }) {
  const client = useApolloClient();
  const announce = useAnnounce();
  const { data } = useQuery(CallbackLetterDocument, { variables: { bookingId: booking.id } });
  const [pdfBusy, setPdfBusy] = useState(false);
  const [pdfProblem, setPdfProblem] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [cancelError, setCancelError] = useState<string | undefined>();
  const [cancel, { loading: cancelling }] = useMutation(CancelCallbackDocument);

  async function downloadPdf() {
    setPdfBusy(true);
    setPdfProblem(null);
    try {
      await downloadCallbackLetterPdf(client, booking.id, booking.reference);
      announce('Het afsprakenbriefje is gedownload als PDF.');
    } catch (err) {
      setPdfProblem(userFacingErrors(err)[0]?.message ?? 'De PDF kon niet worden gemaakt.');
    } finally {
      setPdfBusy(false);
    }
  }

  async function submitCancel(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length === 0) {
      setCancelError('Schrijf waarom de afspraak niet doorgaat.');
      document.getElementById('annuleer-reden')?.focus();
      return;
    }
    try {
      await cancel({ variables: { bookingId: booking.id, reason: reason.trim() } });
      announce('De terugbelafspraak is geannuleerd. De plek is weer vrij.');
      setCancelError(undefined);
      await onChanged();
    } catch (err) {
      setCancelError(userFacingErrors(err)[0]?.message);
    }
  }

  return (
    <>
      <Alert type="ok">
        <Paragraph>
          Afgesproken: {booking.slotInWords}. Kenmerk: <strong>{booking.reference}</strong>. Geef de inwoner het afsprakenbriefje mee.
        </Paragraph>
      </Alert>
      <div className="schakel-actions">
        <AppLink to={`/terugbellen/briefje/${booking.id}`}>Afsprakenbriefje afdrukken</AppLink>{' '}
        <Button appearance="secondary-action-button" type="button" busy={pdfBusy} onClick={() => void downloadPdf()}>
          PDF downloaden
        </Button>
      </div>
      {pdfProblem && (
        <Alert type="error" role="alert">
          <Paragraph>{pdfProblem}</Paragraph>
        </Alert>
      )}
      <Heading3>Het afsprakenbriefje</Heading3>
      {data ? <CallbackLetterView letter={data.callbackLetter} level={3} /> : <Paragraph role="status">Laden…</Paragraph>}
      <form onSubmit={submitCancel} noValidate className="schakel-inline-form">
        <TextAreaField id="annuleer-reden" label="Afspraak annuleren: waarom gaat die niet door?" required rows={2} value={reason} onChange={setReason} error={cancelError} maxLength={500} />
        <Button appearance="secondary-action-button" type="submit" busy={cancelling}>
          Terugbelafspraak annuleren
        </Button>
      </form>
    </>
  );
}
