import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import {
  Alert,
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  StatusBadge,
} from '@utrecht/component-library-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useParams } from 'react-router';
import {
  AddReferralNoteDocument,
  FlagBottleneckDocument,
  HandoffEventsDocument,
  ReceiveHandoffDocument,
  ReferralDocument,
  type BottleneckCategory,
  type HandoffDetailFragment,
  type ReferralDetailFragment,
} from '../api/generated';
import { errorsByField, userFacingErrors } from '../api/errors';
import { hasRole, useMe } from '../app/me';
import { STORY_WRITE_ROLES } from '../reports/roles';
import { AppLink } from '../ui/AppLink';
import { useAnnounce } from '../ui/announcer';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../ui/fields';
import { dayAndTime, fullDate } from '../ui/format';
import { BOTTLENECK_LABEL, CHANNEL_LABEL, OUTCOME_LABEL, REFERRAL_STATUS_LABEL, STATUS_LABEL, TIMELINE_LABEL, TOPIC_LABEL, URGENCY_LABEL, optionsOf } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import { HandoffActionPanel } from './HandoffActionPanel';
import { BundleLink } from '../bundles/BundleLink';
import { CallbackPanel } from '../callbacks/CallbackPanel';
import { LiveHandoffPanel } from '../live/LiveHandoffPanel';

function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={fullDate(iso)}>
      {dayAndTime(iso)}
    </time>
  );
}

function CitizenCard({ referral }: { referral: ReferralDetailFragment }) {
  const c = referral.citizen;
  if (!c) return <Paragraph>U ziet de gegevens van de inwoner niet: uw organisatie doet niet (meer) mee in deze keten.</Paragraph>;
  return (
    <DataList className="schakel-datalist">
      <DataListItem>
        <DataListKey>Naam</DataListKey>
        <DataListValue>{c.name}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>BSN</DataListKey>
        <DataListValue>{c.bsn}</DataListValue>
      </DataListItem>
      {c.doNotContact ? (
        <DataListItem>
          <DataListKey>Contact</DataListKey>
          <DataListValue>
            <strong>Niet rechtstreeks benaderen.</strong> Neem contact op via de verwijzer ({referral.origin.name}).
          </DataListValue>
        </DataListItem>
      ) : (
        <>
          <DataListItem>
            <DataListKey>Telefoon</DataListKey>
            <DataListValue>{c.phone ?? 'niet opgegeven'}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>E-mail</DataListKey>
            <DataListValue>{c.email ?? 'niet opgegeven'}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Liefst contact via</DataListKey>
            <DataListValue>{c.preferredChannel ? CHANNEL_LABEL[c.preferredChannel] : 'geen voorkeur'}</DataListValue>
          </DataListItem>
        </>
      )}
    </DataList>
  );
}

function ChainStep({ handoff, onChanged }: { handoff: HandoffDetailFragment; onChanged: () => Promise<unknown> }) {
  return (
    <li className="schakel-chain__step" data-handoff-id={handoff.id} data-status={handoff.status}>
      <p className="schakel-chain__title">
        <strong>
          {handoff.from.name} → {handoff.to.name}
        </strong>{' '}
        <StatusBadge status={handoff.overdue ? 'danger' : handoff.status === 'COMPLETED' ? 'success' : 'neutral'} data-testid="handoff-status">
          {STATUS_LABEL[handoff.status]}
        </StatusBadge>
        {handoff.overdue && <span className="schakel-overdue"> Te laat (opgeschaald, niveau {handoff.escalationLevel})</span>}
      </p>
      <p className="schakel-muted">
        Verstuurd <Time iso={handoff.requestedAt} />
        {handoff.dueAt && (
          <>
            {' '}
            · termijn uiterlijk <Time iso={handoff.dueAt} />
          </>
        )}
        {handoff.assignee && <> · behandelaar: {handoff.assignee.name}</>}
      </p>
      {handoff.outcome && (
        <p>
          Uitkomst: {OUTCOME_LABEL[handoff.outcome]}
          {handoff.outcomeNote ? `: ${handoff.outcomeNote}` : ''}
        </p>
      )}
      {handoff.reason && <p>Reden: {handoff.reason}</p>}
      {handoff.summary && <p>Aanvulling: {handoff.summary}</p>}
      <HandoffActionPanel handoff={handoff} onChanged={onChanged} />
    </li>
  );
}

function NoteForm({ referralId, onAdded }: { referralId: string; onAdded: () => Promise<unknown> }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [addNote, { loading }] = useMutation(AddReferralNoteDocument);
  const announce = useAnnounce();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (text.trim().length === 0) {
      setError('Schrijf eerst een notitie.');
      document.getElementById('notitie')?.focus();
      return;
    }
    try {
      await addNote({ variables: { referralId, text: text.trim() } });
      setText('');
      setError(undefined);
      announce('Notitie toegevoegd.');
      await onAdded();
    } catch (err) {
      setError(userFacingErrors(err)[0]?.message);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="schakel-inline-form">
      <TextAreaField id="notitie" label="Notitie toevoegen" required rows={3} value={text} onChange={setText} error={error} maxLength={4000} />
      <Button appearance="secondary-action-button" type="submit" busy={loading}>
        Notitie opslaan
      </Button>
    </form>
  );
}

function BottleneckForm({ referralId, onAdded }: { referralId: string; onAdded: () => Promise<unknown> }) {
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<BottleneckCategory | ''>('');
  const [description, setDescription] = useState('');
  const [rule, setRule] = useState('');
  const [applied, setApplied] = useState(false);
  const [solution, setSolution] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [flag, { loading }] = useMutation(FlagBottleneckDocument);
  const announce = useAnnounce();

  if (!open) {
    return (
      <Button appearance="secondary-action-button" type="button" onClick={() => setOpen(true)}>
        Knelpunt melden
      </Button>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (category === '') found['kn-categorie'] = 'Kies wat voor knelpunt het is.';
    if (description.trim() === '') found['kn-beschrijving'] = 'Beschrijf het knelpunt.';
    if (applied && solution.trim() === '') found['kn-maatwerk'] = 'Beschrijf welk maatwerk u toepaste en waarom.';
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await flag({
        variables: {
          referralId,
          input: { category: category as BottleneckCategory, description: description.trim(), rule: rule.trim() || undefined, customSolutionApplied: applied, customSolution: applied ? solution.trim() : undefined },
        },
      });
      announce('Knelpunt gemeld.');
      setOpen(false);
      setDescription('');
      setRule('');
      setSolution('');
      await onAdded();
    } catch (err) {
      const map: Record<string, string> = { category: 'kn-categorie', description: 'kn-beschrijving', rule: 'kn-regel', customSolution: 'kn-maatwerk' };
      const { byField, general } = errorsByField(err, (p) => map[p.replace(/^input\./, '')]);
      setErrors({ ...byField, ...(general.length ? { 'kn-beschrijving': general.join(' ') } : {}) });
    }
  }

  return (
    <form onSubmit={submit} noValidate className="schakel-inline-form">
      <SelectField
        id="kn-categorie"
        label="Soort knelpunt"
        required
        value={category}
        onChange={(v) => setCategory(v as BottleneckCategory | '')}
        error={errors['kn-categorie']}
        options={optionsOf(BOTTLENECK_LABEL)}
        placeholder="Kies een soort"
      />
      <TextAreaField id="kn-beschrijving" label="Wat is het knelpunt?" required rows={3} value={description} onChange={setDescription} error={errors['kn-beschrijving']} maxLength={4000} />
      <TextField id="kn-regel" label="Welke regel of welk systeem?" value={rule} onChange={setRule} error={errors['kn-regel']} maxLength={500} />
      <CheckboxField id="kn-toegepast" label="Ik heb maatwerk toegepast" checked={applied} onChange={setApplied} />
      {applied && <TextAreaField id="kn-maatwerk" label="Welk maatwerk, en waarom?" required rows={3} value={solution} onChange={setSolution} error={errors['kn-maatwerk']} maxLength={4000} />}
      <Button appearance="primary-action-button" type="submit" busy={loading}>
        Knelpunt opslaan
      </Button>{' '}
      <Button appearance="secondary-action-button" type="button" onClick={() => setOpen(false)}>
        Annuleren
      </Button>
    </form>
  );
}

export default function ReferralPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const sentTo = (location.state as { sent?: string } | null)?.sent;
  const announce = useAnnounce();
  // A behandelaar or coördinator may turn the maatwerk of a handled case into a leerverhaal.
  const canWriteStory = hasRole(useMe(), STORY_WRITE_ROLES);
  const { data, error, refetch } = useQuery(ReferralDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [receive] = useMutation(ReceiveHandoffDocument);
  const referral = data?.referral;
  usePageTitle(referral ? `Doorverwijzing ${TOPIC_LABEL[referral.topic].toLowerCase()}` : 'Doorverwijzing');

  // Live: a step taken elsewhere in the chain (accepted, completed…) shows without reloading.
  const onEvent = (handoff: { referral: { id: string }; status: keyof typeof STATUS_LABEL; to: { name: string } }) => {
    if (handoff.referral.id !== id) return;
    announce(`${handoff.to.name}: ${STATUS_LABEL[handoff.status].toLowerCase()}.`);
    void refetch();
  };
  useSubscription(HandoffEventsDocument, { variables: { direction: 'OUTGOING' }, onData: ({ data: d }) => d.data && onEvent(d.data.handoffEvents.handoff) });
  useSubscription(HandoffEventsDocument, { variables: { direction: 'INCOMING' }, onData: ({ data: d }) => d.data && onEvent(d.data.handoffEvents.handoff) });

  // Opening a new handoff as its receiver is the "received" step (REQUESTED → RECEIVED).
  const received = useRef(new Set<string>());
  useEffect(() => {
    for (const h of referral?.handoffs ?? []) {
      if (h.availableActions.includes('RECEIVE') && !received.current.has(h.id)) {
        received.current.add(h.id);
        void receive({ variables: { id: h.id, input: { expectedVersion: h.version } } })
          .then(() => refetch())
          .catch(() => undefined);
      }
    }
  }, [referral, receive, refetch]);

  if (error && !referral) {
    return (
      <>
        <Heading1>Doorverwijzing</Heading1>
        <Alert type="error" role="alert">
          <Paragraph>{userFacingErrors(error)[0]?.message}</Paragraph>
        </Alert>
      </>
    );
  }
  if (!referral) {
    return (
      <>
        <Heading1>Doorverwijzing</Heading1>
        <Paragraph role="status">Laden…</Paragraph>
      </>
    );
  }

  const reload = () => refetch();
  return (
    <>
      <Heading1>Doorverwijzing: {TOPIC_LABEL[referral.topic]}</Heading1>
      <BundleLink referralId={referral.id} />
      {sentTo && (
        <Alert type="ok">
          <Paragraph>Verstuurd naar {sentTo}. U ziet hier wanneer zij de doorverwijzing oppakken.</Paragraph>
        </Alert>
      )}
      <CallbackPanel referral={referral} />
      <DataList className="schakel-datalist">
        <DataListItem>
          <DataListKey>Stand</DataListKey>
          <DataListValue>
            <span data-testid="referral-status">{REFERRAL_STATUS_LABEL[referral.status]}</span>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Urgentie</DataListKey>
          <DataListValue>{URGENCY_LABEL[referral.urgency]}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Verwezen door</DataListKey>
          <DataListValue>
            {referral.origin.name}
            {referral.createdBy ? ` (${referral.createdBy.name})` : ''} op <Time iso={referral.createdAt} />
          </DataListValue>
        </DataListItem>
      </DataList>

      <Heading2>Het verhaal</Heading2>
      <Paragraph className="schakel-story">{referral.summary}</Paragraph>

      <Heading2>De inwoner</Heading2>
      <CitizenCard referral={referral} />

      <Heading2>De keten</Heading2>
      <ol className="schakel-chain">
        {referral.handoffs.map((h) => (
          <ChainStep key={h.id} handoff={h} onChanged={reload} />
        ))}
      </ol>
      <LiveHandoffPanel referral={referral} />

      <Heading2>Tijdlijn</Heading2>
      <ol className="schakel-timeline">
        {referral.timeline.map((t) => (
          <li key={t.id}>
            <Time iso={t.occurredAt} /> · <strong>{TIMELINE_LABEL[t.type]}</strong> · {t.organisation.name}
            {t.actor ? ` (${t.actor.name})` : t.actorKind === 'SYSTEM' ? ' (systeem)' : ''}
            {t.note && <div className="schakel-timeline__note">{t.note}</div>}
          </li>
        ))}
      </ol>
      <NoteForm referralId={referral.id} onAdded={reload} />

      <Heading2>Knelpunten</Heading2>
      {referral.bottlenecks.length === 0 ? (
        <Paragraph>Nog geen knelpunten gemeld.</Paragraph>
      ) : (
        <ul className="schakel-bottlenecks">
          {referral.bottlenecks.map((b) => (
            <li key={b.id}>
              <strong>{BOTTLENECK_LABEL[b.category]}</strong>
              {b.rule ? ` (${b.rule})` : ''}: {b.description}
              {b.customSolutionApplied && <div>Maatwerk: {b.customSolution}</div>}
              {b.customSolutionApplied && canWriteStory && referral.status !== 'OPEN' && (
                <div>
                  <AppLink to={`/leerverhalen/nieuw?knelpunt=${encodeURIComponent(b.id)}`}>Schrijf hier een leerverhaal over</AppLink>
                </div>
              )}
              <div className="schakel-muted">
                {b.organisation.name}, <Time iso={b.createdAt} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <BottleneckForm referralId={referral.id} onAdded={reload} />
    </>
  );
}
