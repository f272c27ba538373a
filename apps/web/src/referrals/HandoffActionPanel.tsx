import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, ButtonGroup, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  AcceptHandoffDocument,
  CancelHandoffDocument,
  ColleaguesDocument,
  CompleteHandoffDocument,
  ForwardHandoffDocument,
  ReceivingOrganisationsDocument,
  RecordContactDocument,
  ReturnHandoffDocument,
  type ConsentMethod,
  type ContactChannel,
  type HandoffAction,
  type HandoffDetailFragment,
  type Outcome,
} from '../api/generated';
import { errorsByField, hasCode } from '../api/errors';
import { hasRole, useMe } from '../app/me';
import { useAnnounce } from '../ui/announcer';
import { CheckboxField, focusField, RadioGroupField, SelectField, TextAreaField } from '../ui/fields';
import { ACTION_LABEL, CHANNEL_LABEL, CONSENT_METHOD_LABEL, OUTCOME_LABEL, STATUS_LABEL, optionsOf } from '../ui/labels';

const STALE = 'Iemand anders heeft dit net gewijzigd. Hieronder ziet u de nieuwe stand. Kijk of uw stap nog nodig is en probeer het dan opnieuw.';
const GONE = 'Deze stap kan niet meer: de overdracht is intussen veranderd. Hieronder ziet u de nieuwe stand.';

interface FormState {
  assigneeId: string;
  channel: ContactChannel | '';
  note: string;
  outcome: Outcome | '';
  reason: string;
  toOrganisationId: string;
  summary: string;
  consentGiven: boolean;
  consentMethod: ConsentMethod | '';
}

const EMPTY: FormState = { assigneeId: '', channel: '', note: '', outcome: '', reason: '', toOrganisationId: '', summary: '', consentGiven: false, consentMethod: '' };

type Errors = Partial<Record<keyof FormState, string>>;

function validate(action: HandoffAction, f: FormState): Errors {
  const e: Errors = {};
  const blank = (s: string) => s.trim().length === 0;
  if (action === 'RECORD_CONTACT') {
    if (f.channel === '') e.channel = 'Kies hoe u contact had.';
    if (blank(f.note)) e.note = 'Schrijf kort op wat er besproken is.';
  }
  if (action === 'COMPLETE' && f.outcome === '') e.outcome = 'Kies de uitkomst.';
  if ((action === 'RETURN' || action === 'CANCEL' || action === 'FORWARD') && blank(f.reason)) {
    e.reason = action === 'FORWARD' ? 'Schrijf op waarom deze organisatie de inwoner verder helpt.' : 'Schrijf de reden op, zodat de ander weet wat er moet gebeuren.';
  }
  if (action === 'FORWARD') {
    if (f.toOrganisationId === '') e.toOrganisationId = 'Kies de organisatie die de inwoner verder helpt.';
    if (!f.consentGiven) e.consentGiven = 'Vraag de inwoner opnieuw om toestemming, nu voor de nieuwe organisatie.';
    if (f.consentMethod === '') e.consentMethod = 'Kies hoe u de toestemming vroeg.';
  }
  return e;
}

function fieldFor(path: string): keyof FormState | undefined {
  const p = path.replace(/^input\./, '');
  const map: Record<string, keyof FormState> = {
    assigneeId: 'assigneeId',
    channel: 'channel',
    note: 'note',
    outcome: 'outcome',
    reason: 'reason',
    toOrganisationId: 'toOrganisationId',
    summary: 'summary',
    'consent.given': 'consentGiven',
    'consent.method': 'consentMethod',
    'consent.organisationId': 'consentGiven',
  };
  return map[p];
}

/**
 * The steps the caller may take on one handoff: exactly availableActions, each with its form.
 * A form keeps the version seen when it was opened; if the handoff changed meanwhile the API
 * answers CONFLICT, and the fresh state is shown with an explanation.
 */
export function HandoffActionPanel({ handoff, onChanged }: { handoff: HandoffDetailFragment; onChanged: () => Promise<unknown> }) {
  const me = useMe();
  const announce = useAnnounce();
  const [open, setOpen] = useState<HandoffAction | null>(null);
  const [expectedVersion, setExpectedVersion] = useState(handoff.version);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const [accept] = useMutation(AcceptHandoffDocument);
  const [recordContact] = useMutation(RecordContactDocument);
  const [complete] = useMutation(CompleteHandoffDocument);
  const [forward] = useMutation(ForwardHandoffDocument);
  const [returnHandoff] = useMutation(ReturnHandoffDocument);
  const [cancel] = useMutation(CancelHandoffDocument);

  const isCoordinator = hasRole(me, ['COORDINATOR']);
  const { data: colleagues } = useQuery(ColleaguesDocument, { variables: { role: 'BEHANDELAAR' }, skip: open !== 'ACCEPT' || !isCoordinator });
  const { data: orgs } = useQuery(ReceivingOrganisationsDocument, { variables: {}, skip: open !== 'FORWARD' });

  // While no form is open, follow the handoff as it changes live.
  useEffect(() => {
    if (open === null) setExpectedVersion(handoff.version);
  }, [handoff.version, open]);

  function start(action: HandoffAction) {
    setOpen(action);
    setExpectedVersion(handoff.version);
    setForm(EMPTY);
    setErrors({});
    setProblem(null);
    window.setTimeout(() => headingRef.current?.focus(), 0);
  }

  function set<K extends keyof FormState>(k: K, v: FormState[K]) {
    setForm((f) => ({ ...f, [k]: v }));
    if (errors[k]) setErrors((e) => ({ ...e, [k]: undefined }));
  }

  async function run(action: HandoffAction): Promise<HandoffDetailFragment | undefined> {
    const id = handoff.id;
    switch (action) {
      case 'ACCEPT':
        return (await accept({ variables: { id, input: { expectedVersion, assigneeId: form.assigneeId || undefined } } })).data?.acceptHandoff;
      case 'RECORD_CONTACT':
        return (await recordContact({ variables: { id, input: { expectedVersion, channel: form.channel as ContactChannel, note: form.note.trim() } } })).data?.recordContact;
      case 'COMPLETE':
        return (await complete({ variables: { id, input: { expectedVersion, outcome: form.outcome as Outcome, note: form.note.trim() || undefined } } })).data?.completeHandoff;
      case 'FORWARD':
        return (
          await forward({
            variables: {
              id,
              input: {
                expectedVersion,
                toOrganisationId: form.toOrganisationId,
                reason: form.reason.trim(),
                summary: form.summary.trim() || undefined,
                consent: { given: form.consentGiven, method: form.consentMethod as ConsentMethod, organisationId: form.toOrganisationId },
              },
            },
          })
        ).data?.forwardHandoff;
      case 'RETURN':
        return (await returnHandoff({ variables: { id, input: { expectedVersion, reason: form.reason.trim() } } })).data?.returnHandoff;
      case 'CANCEL':
        return (await cancel({ variables: { id, input: { expectedVersion, reason: form.reason.trim() } } })).data?.cancelHandoff;
      default:
        return undefined;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!open || busy) return;
    const found = validate(open, form);
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) {
      window.setTimeout(() => focusField(`actie-${Object.keys(found)[0]}`), 0);
      return;
    }
    setBusy(true);
    try {
      const updated = await run(open);
      if (updated) {
        announce(`Gelukt: de overdracht is nu ${STATUS_LABEL[updated.status].toLowerCase()}.`);
        setOpen(null);
      }
      await onChanged();
    } catch (error) {
      if (hasCode(error, 'CONFLICT') || hasCode(error, 'INVALID_TRANSITION')) {
        setProblem(hasCode(error, 'CONFLICT') ? STALE : GONE);
        await onChanged();
      } else {
        const { byField, general } = errorsByField(error, fieldFor);
        setErrors(byField as Errors);
        setProblem(general.length ? general.join(' ') : null);
      }
    } finally {
      setBusy(false);
    }
  }

  // After a conflict the refetched handoff carries the version the user now sees.
  useEffect(() => {
    if (problem === STALE) setExpectedVersion(handoff.version);
  }, [problem, handoff.version]);

  // The page marks a new handoff as opened first (RECEIVE); its other steps wait for that, so a
  // form is never opened on a version that is about to change.
  if (handoff.availableActions.includes('RECEIVE') && !open) {
    return (
      <Paragraph role="status" className="schakel-muted">
        Bezig met openen…
      </Paragraph>
    );
  }
  const actions = handoff.availableActions.filter((a) => a !== 'RECEIVE');
  if (actions.length === 0 && !open) return null;

  const id = (name: keyof FormState) => `actie-${name}`;
  const forwardTargets = (orgs?.organisations ?? []).filter((o) => o.active && o.id !== me.organisation.id && o.id !== handoff.from.id);

  return (
    <section className="schakel-actions" aria-labelledby={`acties-${handoff.id}`}>
      <Heading3 id={`acties-${handoff.id}`}>Wat u nu kunt doen</Heading3>
      {problem && (
        <Alert type={problem === STALE || problem === GONE ? 'warning' : 'error'} role="alert">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      )}
      {!open && (
        <ButtonGroup>
          {actions.map((a) => (
            <Button key={a} appearance={a === 'CANCEL' || a === 'RETURN' ? 'secondary-action-button' : 'primary-action-button'} type="button" onClick={() => start(a)}>
              {ACTION_LABEL[a]}
            </Button>
          ))}
        </ButtonGroup>
      )}
      {open && (
        <form onSubmit={submit} noValidate className="schakel-action-form">
          <h4 className="utrecht-heading-4" ref={headingRef} tabIndex={-1}>
            {ACTION_LABEL[open]}
          </h4>
          {open === 'ACCEPT' && (
            <>
              <Paragraph>U pakt deze doorverwijzing op. Daarna neemt u contact op met de inwoner.</Paragraph>
              {isCoordinator && (
                <SelectField
                  id={id('assigneeId')}
                  label="Toewijzen aan"
                  value={form.assigneeId}
                  onChange={(v) => set('assigneeId', v)}
                  error={errors.assigneeId}
                  placeholder="Mijzelf"
                  options={(colleagues?.colleagues ?? []).filter((c) => c.id !== me.id).map((c) => ({ value: c.id, label: c.name }))}
                />
              )}
            </>
          )}
          {open === 'RECORD_CONTACT' && (
            <>
              <SelectField
                id={id('channel')}
                label="Hoe had u contact?"
                required
                value={form.channel}
                onChange={(v) => set('channel', v as ContactChannel | '')}
                error={errors.channel}
                options={optionsOf(CHANNEL_LABEL)}
                placeholder="Kies"
              />
              <TextAreaField id={id('note')} label="Wat is er besproken?" required rows={3} value={form.note} onChange={(v) => set('note', v)} error={errors.note} maxLength={4000} />
            </>
          )}
          {open === 'COMPLETE' && (
            <>
              <RadioGroupField
                id={id('outcome')}
                label="Uitkomst"
                required
                value={form.outcome}
                onChange={(v) => set('outcome', v as Outcome)}
                error={errors.outcome}
                options={optionsOf(OUTCOME_LABEL)}
              />
              <TextAreaField id={id('note')} label="Toelichting" rows={3} value={form.note} onChange={(v) => set('note', v)} error={errors.note} maxLength={4000} />
            </>
          )}
          {open === 'FORWARD' && (
            <>
              <Paragraph>Stuur de inwoner warm door naar de organisatie die wél kan helpen. Zij krijgen het verhaal mee.</Paragraph>
              <SelectField
                id={id('toOrganisationId')}
                label="Naar organisatie"
                required
                value={form.toOrganisationId}
                onChange={(v) => set('toOrganisationId', v)}
                error={errors.toOrganisationId}
                placeholder="Kies een organisatie"
                options={forwardTargets.map((o) => ({ value: o.id, label: `${o.name}: ${o.responseNorm.description}` }))}
              />
              <TextAreaField id={id('reason')} label="Waarom deze organisatie?" required rows={3} value={form.reason} onChange={(v) => set('reason', v)} error={errors.reason} maxLength={2000} />
              <TextAreaField id={id('summary')} label="Wat weet u inmiddels meer?" rows={3} value={form.summary} onChange={(v) => set('summary', v)} error={errors.summary} maxLength={4000} />
              <CheckboxField
                id={id('consentGiven')}
                label="De inwoner geeft toestemming om te delen met de nieuwe organisatie"
                checked={form.consentGiven}
                onChange={(v) => set('consentGiven', v)}
                error={errors.consentGiven}
              />
              <RadioGroupField
                id={id('consentMethod')}
                label="Hoe vroeg u de toestemming?"
                required
                value={form.consentMethod}
                onChange={(v) => set('consentMethod', v as ConsentMethod)}
                error={errors.consentMethod}
                options={optionsOf(CONSENT_METHOD_LABEL)}
              />
            </>
          )}
          {(open === 'RETURN' || open === 'CANCEL') && (
            <TextAreaField
              id={id('reason')}
              label={open === 'RETURN' ? 'Waarom stuurt u het terug?' : 'Waarom trekt u de doorverwijzing in?'}
              description={open === 'RETURN' ? 'Er is geen verkeerde deur: leg uit wat de verwijzer nu kan doen.' : undefined}
              required
              rows={3}
              value={form.reason}
              onChange={(v) => set('reason', v)}
              error={errors.reason}
              maxLength={2000}
            />
          )}
          <ButtonGroup>
            <Button appearance="primary-action-button" type="submit" busy={busy}>
              {busy ? 'Bezig…' : ACTION_LABEL[open]}
            </Button>
            <Button appearance="secondary-action-button" type="button" onClick={() => setOpen(null)}>
              Annuleren
            </Button>
          </ButtonGroup>
        </form>
      )}
    </section>
  );
}
