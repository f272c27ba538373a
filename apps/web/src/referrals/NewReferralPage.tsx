import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Heading1, Heading2, Paragraph, Textbox, FormLabel, FormField } from '@utrecht/component-library-react';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import {
  CreateReferralDocument,
  ReceivingOrganisationsDocument,
  type ConsentMethod,
  type ContactChannel,
  type ReferralTopic,
  type Urgency,
} from '../api/generated';
import { errorsByField } from '../api/errors';
import { useMe } from '../app/me';
import { DoorChooser } from '../doors/DoorChooser';
import { useAnnounce } from '../ui/announcer';
import { CheckboxField, ErrorSummary, RadioGroupField, SelectField, TextAreaField, TextField } from '../ui/fields';
import { BOTTLENECK_LABEL, CHANNEL_LABEL, CONSENT_METHOD_LABEL, optionsOf, TOPIC_LABEL, URGENCY_LABEL } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import { checkBsn } from './bsn';
import {
  EMPTY_DRAFT,
  fieldForInputPath,
  SUMMARY_MAX,
  toCreateReferralInput,
  validateDraft,
  type DraftErrors,
  type DraftField,
  type ReferralDraft,
} from './referral-form';

const FIELD_LABELS: Record<DraftField, string> = {
  bsn: 'BSN',
  name: 'Naam',
  phone: 'Telefoon',
  email: 'E-mail',
  preferredChannel: 'Liefst contact via',
  doNotContact: 'Niet rechtstreeks benaderen',
  toOrganisationId: 'Naar organisatie',
  topic: 'Onderwerp',
  summary: 'Het verhaal',
  urgency: 'Urgentie',
  consentGiven: 'Toestemming',
  consentMethod: 'Hoe gevraagd',
  withBottleneck: 'Knelpunt',
  bottleneckCategory: 'Soort knelpunt',
  bottleneckDescription: 'Beschrijving knelpunt',
  bottleneckRule: 'Regel of systeem',
  customSolutionApplied: 'Maatwerk',
  customSolution: 'Welk maatwerk',
};

function newKey(): string {
  return crypto.randomUUID();
}

export default function NewReferralPage() {
  usePageTitle('Nieuwe doorverwijzing');
  const me = useMe();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<ReferralDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  // The door chosen on the sociale kaart (it sets the receiving organisation); '' when none.
  const [doorId, setDoorId] = useState('');
  // One key per filled-in form: a double click or a retry after a lost answer sends one referral.
  const idempotencyKey = useRef(newKey());
  // A second click can come before React re-renders with `sending`; this guard is synchronous.
  const inFlight = useRef(false);
  const summaryId = useId();
  const [createReferral, { loading: sending }] = useMutation(CreateReferralDocument);

  const { data: orgData } = useQuery(ReceivingOrganisationsDocument, {
    variables: { topic: draft.topic || null, urgency: draft.urgency },
  });
  const receivers = useMemo(
    () =>
      (orgData?.organisations ?? [])
        .filter((o) => o.active && o.id !== me.organisation.id)
        .filter((o) => o.name.toLowerCase().includes(search.trim().toLowerCase())),
    [orgData, me.organisation.id, search],
  );
  const receiver = orgData?.organisations.find((o) => o.id === draft.toOrganisationId);

  function set<K extends DraftField>(field: K, value: ReferralDraft[K]) {
    setDraft((d) => ({ ...d, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  }

  const bsnFeedback = checkBsn(draft.bsn);
  const bsnStatus =
    bsnFeedback.state === 'valid' ? 'BSN klopt (elfproef).' : bsnFeedback.state === 'empty' ? null : bsnFeedback.message;

  function showErrors(next: DraftErrors, generalErrors: string[]) {
    setErrors(next);
    setGeneral(generalErrors);
    // Move focus to the list of problems so keyboard and screen reader users find them.
    window.setTimeout(() => document.getElementById(summaryId)?.focus(), 0);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current) return;
    const found = validateDraft(draft);
    if (Object.keys(found).length > 0) {
      showErrors(found, []);
      return;
    }
    inFlight.current = true;
    try {
      const result = await createReferral({ variables: { input: toCreateReferralInput(draft, idempotencyKey.current) } });
      const created = result.data?.createReferral;
      if (!created) return;
      idempotencyKey.current = newKey();
      const to = created.currentHandoff?.to.name ?? 'de ontvanger';
      announce(`Doorverwijzing verstuurd naar ${to}.`);
      navigate(`/doorverwijzingen/${created.id}`, { state: doorId ? { sent: to, doorId } : { sent: to } });
    } catch (error) {
      const { byField, general: rest } = errorsByField(error, fieldForInputPath);
      showErrors(byField as DraftErrors, rest);
    } finally {
      inFlight.current = false;
    }
  }

  const visibleErrors = Object.fromEntries(Object.entries(errors).filter(([, v]) => Boolean(v))) as Record<string, string>;

  return (
    <>
      <Heading1>Nieuwe doorverwijzing</Heading1>
      <Paragraph>
        Verwijs de inwoner warm door. De andere organisatie krijgt het verhaal en neemt zelf contact op. Velden zonder
        &quot;(niet verplicht)&quot; moet u invullen.
      </Paragraph>
      <form onSubmit={submit} noValidate aria-describedby={undefined} className="schakel-form">
        <ErrorSummary id={summaryId} errors={visibleErrors} labels={FIELD_LABELS} general={general} />

        <section aria-labelledby="kop-inwoner" className="schakel-form__section">
          <Heading2 id="kop-inwoner">De inwoner</Heading2>
          <TextField
            id="bsn"
            label="BSN"
            required
            description="9 cijfers. Staat op het paspoort, de ID-kaart of het rijbewijs."
            value={draft.bsn}
            onChange={(v) => set('bsn', v)}
            error={errors.bsn}
            inputMode="numeric"
            autoComplete="off"
            maxLength={11}
            status={errors.bsn ? null : bsnStatus}
          />
          <TextField id="name" label="Naam" required value={draft.name} onChange={(v) => set('name', v)} error={errors.name} autoComplete="off" maxLength={200} />
          <TextField id="phone" label="Telefoon" type="tel" value={draft.phone} onChange={(v) => set('phone', v)} error={errors.phone} autoComplete="off" inputMode="tel" />
          <TextField id="email" label="E-mail" type="email" value={draft.email} onChange={(v) => set('email', v)} error={errors.email} autoComplete="off" inputMode="email" />
          <SelectField
            id="preferredChannel"
            label="Liefst contact via"
            value={draft.preferredChannel}
            onChange={(v) => set('preferredChannel', v as ContactChannel | '')}
            error={errors.preferredChannel}
            options={optionsOf(CHANNEL_LABEL)}
            placeholder="Geen voorkeur"
          />
          <CheckboxField
            id="doNotContact"
            label="Niet rechtstreeks benaderen"
            description="Bijvoorbeeld bij huiselijk geweld. De ontvanger ziet dan geen telefoon of e-mail en neemt contact op via u."
            checked={draft.doNotContact}
            onChange={(v) => set('doNotContact', v)}
            error={errors.doNotContact}
          />
        </section>

        <section aria-labelledby="kop-vraag" className="schakel-form__section">
          <Heading2 id="kop-vraag">De hulpvraag</Heading2>
          <SelectField
            id="topic"
            label="Onderwerp"
            required
            value={draft.topic}
            onChange={(v) => set('topic', v as ReferralTopic | '')}
            error={errors.topic}
            options={optionsOf(TOPIC_LABEL)}
            placeholder="Kies een onderwerp"
          />
          <RadioGroupField
            id="urgency"
            label="Urgentie"
            required
            value={draft.urgency}
            onChange={(v) => set('urgency', v as Urgency)}
            error={errors.urgency}
            options={optionsOf(URGENCY_LABEL)}
          />
          <TextAreaField
            id="summary"
            label="Het verhaal"
            required
            description={`Wat speelt er, wat is al geprobeerd, wat heeft de inwoner nodig? Zo hoeft de inwoner het niet opnieuw te vertellen. Hoogstens ${SUMMARY_MAX} tekens.`}
            value={draft.summary}
            onChange={(v) => set('summary', v)}
            error={errors.summary}
            maxLength={SUMMARY_MAX}
          />
        </section>

        <DoorChooser
          topic={draft.topic}
          doorId={doorId}
          onChoose={(door) => {
            setDoorId(door?.id ?? '');
            if (door) set('toOrganisationId', door.organisationId);
          }}
        />

        <section aria-labelledby="kop-naar" className="schakel-form__section">
          <Heading2 id="kop-naar">Andere organisatie kiezen</Heading2>
          <FormField className="schakel-field">
            <FormLabel htmlFor="zoek-organisatie">
              Zoek een organisatie <span className="schakel-muted">(niet verplicht)</span>
            </FormLabel>
            <Textbox id="zoek-organisatie" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
          </FormField>
          <RadioGroupField
            id="toOrganisationId"
            label="Naar organisatie"
            required
            description={receivers.length === 0 ? 'Geen organisatie gevonden met deze zoekwoorden.' : 'Met de termijn waarbinnen zij reageren.'}
            value={draft.toOrganisationId}
            onChange={(v) => {
              set('toOrganisationId', v);
              setDoorId('');
            }}
            error={errors.toOrganisationId}
            options={receivers.map((o) => ({ value: o.id, label: `${o.name}: ${o.responseNorm.description}` }))}
          />
        </section>

        <section aria-labelledby="kop-toestemming" className="schakel-form__section">
          <Heading2 id="kop-toestemming">Toestemming</Heading2>
          <Paragraph>
            Vraag de inwoner of u het verhaal en de gegevens mag delen met {receiver ? receiver.name : 'de organisatie die u kiest'}.
          </Paragraph>
          <CheckboxField
            id="consentGiven"
            label={`De inwoner geeft toestemming om te delen met ${receiver ? receiver.name : 'deze organisatie'}`}
            checked={draft.consentGiven}
            onChange={(v) => set('consentGiven', v)}
            error={errors.consentGiven}
          />
          <RadioGroupField
            id="consentMethod"
            label="Hoe vroeg u de toestemming?"
            required
            value={draft.consentMethod}
            onChange={(v) => set('consentMethod', v as ConsentMethod)}
            error={errors.consentMethod}
            options={optionsOf(CONSENT_METHOD_LABEL)}
          />
        </section>

        <section aria-labelledby="kop-knelpunt" className="schakel-form__section">
          <Heading2 id="kop-knelpunt">Knelpunt</Heading2>
          <CheckboxField
            id="withBottleneck"
            label="Ik wil een knelpunt melden"
            description="Een regel of systeem dat de inwoner in de weg zit. Zo leert het beleid van de uitvoering."
            checked={draft.withBottleneck}
            onChange={(v) => set('withBottleneck', v)}
          />
          {draft.withBottleneck && (
            <>
              <SelectField
                id="bottleneckCategory"
                label="Soort knelpunt"
                required
                value={draft.bottleneckCategory}
                onChange={(v) => set('bottleneckCategory', v as ReferralDraft['bottleneckCategory'])}
                error={errors.bottleneckCategory}
                options={optionsOf(BOTTLENECK_LABEL)}
                placeholder="Kies een soort"
              />
              <TextAreaField
                id="bottleneckDescription"
                label="Wat is het knelpunt?"
                required
                rows={3}
                value={draft.bottleneckDescription}
                onChange={(v) => set('bottleneckDescription', v)}
                error={errors.bottleneckDescription}
                maxLength={4000}
              />
              <TextField
                id="bottleneckRule"
                label="Welke regel of welk systeem?"
                description='Bijvoorbeeld "Participatiewet art. 18".'
                value={draft.bottleneckRule}
                onChange={(v) => set('bottleneckRule', v)}
                error={errors.bottleneckRule}
                maxLength={500}
              />
              <CheckboxField
                id="customSolutionApplied"
                label="Ik heb maatwerk toegepast"
                checked={draft.customSolutionApplied}
                onChange={(v) => set('customSolutionApplied', v)}
              />
              {draft.customSolutionApplied && (
                <TextAreaField
                  id="customSolution"
                  label="Welk maatwerk, en waarom?"
                  required
                  rows={3}
                  value={draft.customSolution}
                  onChange={(v) => set('customSolution', v)}
                  error={errors.customSolution}
                  maxLength={4000}
                />
              )}
            </>
          )}
        </section>

        <div className="schakel-form__actions">
          <Button appearance="primary-action-button" type="submit" busy={sending} aria-disabled={sending || undefined}>
            {sending ? 'Bezig met versturen…' : 'Doorverwijzing versturen'}
          </Button>
        </div>
      </form>
    </>
  );
}
