import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { AppLink } from '../ui/AppLink';
import { CreateDoorDocument, DoorDocument, type DoorFieldsFragment, type DoorInput, type DoorReach, type ReferralTopic, SetDoorActiveDocument, UpdateDoorDocument } from '../api/generated';
import { errorsByField, hasCode } from '../api/errors';
import { useMe } from '../app/me';
import { useAnnounce } from '../ui/announcer';
import { CheckboxField, ErrorSummary, RadioGroupField, TextAreaField, TextField } from '../ui/fields';
import { DOOR_REACH_LABEL, optionsOf, TOPIC_LABEL } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import './doors.css';
import { WEEKDAY_LABEL } from './door-words';

interface DayHours {
  open: boolean;
  opens: string;
  closes: string;
}

interface DoorDraft {
  name: string;
  description: string;
  topics: ReferralTopic[];
  national: boolean;
  gemeentecodes: string;
  reach: DoorReach;
  phone: string;
  days: DayHours[];
  checklist: string;
  liveAllowed: boolean;
  liveTimeoutMinutes: string;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const EMPTY: DoorDraft = {
  name: '',
  description: '',
  topics: [],
  national: false,
  gemeentecodes: '',
  reach: 'DIRECTE_LIJN',
  phone: '',
  days: WEEKDAYS.map((d) => ({ open: d <= 5, opens: '09:00', closes: '17:00' })),
  checklist: '',
  liveAllowed: false,
  liveTimeoutMinutes: '5',
};

const LABELS: Record<string, string> = {
  name: 'Naam van het loket',
  description: 'Omschrijving',
  topics: 'Onderwerpen',
  gemeentecodes: 'Gemeentecodes',
  reach: 'Bereikbaar via',
  phone: 'Telefoonnummer van de directe lijn',
  openingHours: 'Openingstijden',
  checklist: 'Checklist',
  liveTimeoutMinutes: 'Minuten voor live overdragen',
};

function draftOf(door: DoorFieldsFragment): DoorDraft {
  return {
    name: door.name,
    description: door.description,
    topics: [...door.topics],
    national: door.national,
    gemeentecodes: door.gemeentecodes.join(', '),
    reach: door.reach,
    phone: door.phone ?? '',
    days: WEEKDAYS.map((d) => {
      const h = door.openingHours.find((x) => x.weekday === d);
      return h ? { open: true, opens: h.opens, closes: h.closes } : { open: false, opens: '09:00', closes: '17:00' };
    }),
    checklist: door.checklist.join('\n'),
    liveAllowed: door.liveAllowed,
    liveTimeoutMinutes: String(door.liveTimeoutMinutes),
  };
}

function inputOf(d: DoorDraft): DoorInput {
  return {
    name: d.name,
    description: d.description,
    topics: d.topics,
    national: d.national,
    gemeentecodes: d.national ? [] : d.gemeentecodes.split(/[\s,;]+/).filter(Boolean),
    reach: d.reach,
    phone: d.phone.trim() || null,
    openingHours: d.days.flatMap((h, i) => (h.open ? [{ weekday: i + 1, opens: h.opens, closes: h.closes }] : [])),
    checklist: d.checklist.split('\n').map((x) => x.trim()).filter(Boolean),
    liveAllowed: d.liveAllowed || d.reach === 'LIVE',
    liveTimeoutMinutes: Number.parseInt(d.liveTimeoutMinutes, 10) || 0,
  };
}

/** A coordinator creates or edits one of their organisation's doors; each save is a new version. */
export default function DoorEditPage() {
  const { id } = useParams();
  const isNew = !id || id === 'nieuw';
  usePageTitle(isNew ? 'Nieuw loket' : 'Loket bewerken');
  const navigate = useNavigate();
  const announce = useAnnounce();
  const summaryId = useId();
  const me = useMe();
  const { data, refetch, error: loadError, loading } = useQuery(DoorDocument, { variables: { id: id ?? '' }, skip: isNew });
  const door = data?.door;
  const [draft, setDraft] = useState<DoorDraft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  // A second click can come before React re-renders with `busy`; this guard is synchronous.
  const inFlight = useRef(false);
  const [createDoor, creating] = useMutation(CreateDoorDocument);
  const [updateDoor, updating] = useMutation(UpdateDoorDocument);
  const [setActive, switching] = useMutation(SetDoorActiveDocument);

  useEffect(() => {
    if (door) setDraft(draftOf(door));
  }, [door]);

  function set<K extends keyof DoorDraft>(field: K, value: DoorDraft[K]) {
    setDraft((d) => ({ ...d, [field]: value }));
  }

  function fail(error: unknown) {
    if (hasCode(error, 'CONFLICT')) {
      setConflict(true);
      setErrors({});
      setGeneral(['Iemand anders heeft dit loket intussen gewijzigd. Uw wijziging is niet opgeslagen. Laad de nieuwste versie en breng uw wijziging opnieuw aan.']);
    } else {
      const { byField, general: rest } = errorsByField(error, (path) => (path in LABELS ? path : undefined));
      setErrors(byField);
      setGeneral(rest);
    }
    window.setTimeout(() => document.getElementById(summaryId)?.focus(), 0);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      if (isNew) {
        const res = await createDoor({ variables: { input: inputOf(draft) } });
        const created = res.data?.createDoor;
        if (!created) return;
        announce(`Loket ${created.name} opgeslagen.`);
        navigate(`/sociale-kaart/loketten/${created.id}`);
      } else if (door) {
        await updateDoor({ variables: { id: door.id, expectedVersion: door.version, input: inputOf(draft) } });
        await refetch();
        setErrors({});
        setGeneral([]);
        announce('Loket opgeslagen als nieuwe versie.');
      }
    } catch (error) {
      fail(error);
    } finally {
      inFlight.current = false;
    }
  }

  async function toggleActive() {
    if (!door) return;
    try {
      await setActive({ variables: { id: door.id, active: !door.active, expectedVersion: door.version } });
      await refetch();
      announce(door.active ? 'Loket staat niet meer op de kaart.' : 'Loket staat weer op de kaart.');
    } catch (error) {
      fail(error);
    }
  }

  async function reload() {
    const fresh = await refetch();
    if (fresh.data?.door) setDraft(draftOf(fresh.data.door));
    setConflict(false);
    setGeneral([]);
  }

  const busy = creating.loading || updating.loading || switching.loading;
  if (!isNew && !loading && (loadError || !door || door.organisationId !== me.organisation.id)) {
    return (
      <>
        <Heading1>Loket bewerken</Heading1>
        <Paragraph role="alert">
          {door ? 'Dit loket is van een andere organisatie: alleen die organisatie kan het wijzigen.' : 'Dit loket bestaat niet (meer), of u mag het niet zien.'}
        </Paragraph>
        <Paragraph>
          <AppLink to="/sociale-kaart">Terug naar de sociale kaart</AppLink>
        </Paragraph>
      </>
    );
  }
  return (
    <>
      <Heading1>{isNew ? 'Nieuw loket' : `Loket bewerken: ${door?.name ?? ''}`}</Heading1>
      <Paragraph>
        <AppLink to="/sociale-kaart">
          Terug naar de sociale kaart
        </AppLink>
      </Paragraph>
      <form onSubmit={submit} noValidate className="schakel-form">
        <ErrorSummary id={summaryId} errors={errors} labels={LABELS} general={general} />
        {conflict && (
          <Button appearance="secondary-action-button" type="button" onClick={() => void reload()}>
            Nieuwste versie laden
          </Button>
        )}
        <TextField id="name" label="Naam van het loket" required value={draft.name} onChange={(v) => set('name', v)} error={errors.name} maxLength={200} />
        <TextAreaField id="description" label="Omschrijving" rows={3} value={draft.description} onChange={(v) => set('description', v)} error={errors.description} maxLength={2000} />
        <fieldset className="schakel-fieldset" aria-describedby={errors.topics ? 'topics-error' : undefined}>
          <legend>Onderwerpen</legend>
          {errors.topics && (
            <p id="topics-error" className="schakel-field-error">
              {errors.topics}
            </p>
          )}
          {optionsOf(TOPIC_LABEL).map((o) => (
            <CheckboxField
              key={o.value}
              id={`topic-${o.value}`}
              label={o.label}
              checked={draft.topics.includes(o.value)}
              onChange={(checked) => set('topics', checked ? [...draft.topics, o.value] : draft.topics.filter((t) => t !== o.value))}
            />
          ))}
        </fieldset>
        <CheckboxField id="national" label="Landelijk loket (voor inwoners van elke gemeente)" checked={draft.national} onChange={(v) => set('national', v)} />
        {!draft.national && (
          <TextField
            id="gemeentecodes"
            label="Gemeentecodes"
            required
            description="CBS-codes van 4 cijfers, gescheiden door komma's, bijvoorbeeld 0855, 0153."
            value={draft.gemeentecodes}
            onChange={(v) => set('gemeentecodes', v)}
            error={errors.gemeentecodes}
            inputMode="numeric"
          />
        )}
        <RadioGroupField id="reach" label="Bereikbaar via" required value={draft.reach} onChange={(v) => set('reach', v as DoorReach)} error={errors.reach} options={optionsOf(DOOR_REACH_LABEL)} />
        <TextField id="phone" label="Telefoonnummer van de directe lijn" type="tel" description="Bijvoorbeeld 088 - 898 92 94. Staat niet in de open export." value={draft.phone} onChange={(v) => set('phone', v)} error={errors.phone} maxLength={40} />
        <fieldset className="schakel-fieldset">
          <legend>Openingstijden</legend>
          {errors.openingHours && <p className="schakel-field-error">{errors.openingHours}</p>}
          {draft.days.map((h, i) => (
            <div key={WEEKDAY_LABEL[i + 1]} className="schakel-door-day">
              <CheckboxField id={`open-${i + 1}`} label={`${WEEKDAY_LABEL[i + 1]} open`} checked={h.open} onChange={(v) => set('days', draft.days.map((x, j) => (j === i ? { ...x, open: v } : x)))} />
              {h.open && (
                <>
                  <TextField id={`opens-${i + 1}`} label={`${WEEKDAY_LABEL[i + 1]} van`} required description="UU:MM" value={h.opens} onChange={(v) => set('days', draft.days.map((x, j) => (j === i ? { ...x, opens: v } : x)))} maxLength={5} />
                  <TextField id={`closes-${i + 1}`} label={`${WEEKDAY_LABEL[i + 1]} tot`} required description="UU:MM" value={h.closes} onChange={(v) => set('days', draft.days.map((x, j) => (j === i ? { ...x, closes: v } : x)))} maxLength={5} />
                </>
              )}
            </div>
          ))}
        </fieldset>
        <TextAreaField
          id="checklist"
          label="Checklist"
          description="Wat de verwijzer moet weten of meegeven. Eén punt per regel, ten hoogste 20."
          rows={4}
          value={draft.checklist}
          onChange={(v) => set('checklist', v)}
          error={errors.checklist}
          maxLength={4200}
        />
        <CheckboxField
          id="liveAllowed"
          label="Live overdragen toestaan"
          description={draft.reach === 'LIVE' ? 'Een loket dat live bereikbaar is, staat live overdragen altijd toe.' : undefined}
          checked={draft.liveAllowed || draft.reach === 'LIVE'}
          onChange={(v) => set('liveAllowed', v || draft.reach === 'LIVE')}
        />
        <TextField
          id="liveTimeoutMinutes"
          label="Minuten voor live overdragen"
          description="Na zoveel minuten zonder antwoord wordt het een gewone overdracht (1 tot en met 60)."
          value={draft.liveTimeoutMinutes}
          onChange={(v) => set('liveTimeoutMinutes', v)}
          error={errors.liveTimeoutMinutes}
          inputMode="numeric"
          maxLength={2}
        />
        <div className="schakel-form__actions">
          <Button appearance="primary-action-button" type="submit" busy={busy} aria-disabled={busy || undefined}>
            {isNew ? 'Loket opslaan' : 'Wijziging opslaan'}
          </Button>
          {door && (
            <Button appearance="secondary-action-button" type="button" onClick={() => void toggleActive()}>
              {door.active ? 'Loket van de kaart halen' : 'Loket weer op de kaart zetten'}
            </Button>
          )}
        </div>
      </form>
      {door && data && (
        <section aria-labelledby="kop-versies">
          <Heading2 id="kop-versies">Versies</Heading2>
          <ol reversed>
            {data.doorVersions.map((v) => (
              <li key={v.version}>
                Versie {v.version}: {new Date(v.changedAt).toLocaleString('nl-NL')}
                {v.changedByName ? `, door ${v.changedByName}` : ''}
                {v.active ? '' : ' (niet actief)'}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
