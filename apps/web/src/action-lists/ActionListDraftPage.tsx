import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, ButtonGroup, Fieldset, FieldsetLegend, FormFieldDescription, FormFieldErrorMessage, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ActionListDocument, ActionListOrganisationsDocument, CreateActionListDocument, UpdateActionListDraftDocument } from '../api/generated';
import { errorsByField, hasCode } from '../api/errors';
import { useMe } from '../app/me';
import { useAnnounce } from '../ui/announcer';
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField } from '../ui/fields';
import { TOPIC_LABEL, optionsOf } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import { AppLink } from '../ui/AppLink';
import { draftFromVersion, EMPTY_DRAFT, fieldForPath, fieldId, newKey, toInput, validateDraft, type AgreementRow, type DraftForm, type ItemRow } from './draft-form';

const STALE = 'Dit concept is intussen ter ondertekening aangeboden of vervangen, en kan niet meer worden aangepast. Open de lijst om de nieuwe stand te zien.';

/**
 * Drafting an action list (the owner organisation's secretaris or beleidsmedewerker): title,
 * description, the parties that sign, the actions and the agreements on response times. A new
 * list when there is no id; otherwise the list's current draft.
 */
export default function ActionListDraftPage() {
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const editing = id !== undefined;
  usePageTitle(editing ? 'Concept bewerken' : 'Nieuwe actielijst');

  const { data: orgData } = useQuery(ActionListOrganisationsDocument);
  const { data: listData, error: listError } = useQuery(ActionListDocument, { variables: { id: id ?? '' }, skip: !editing, fetchPolicy: 'network-only' });
  const [create, { loading: creating }] = useMutation(CreateActionListDocument);
  const [update, { loading: updating }] = useMutation(UpdateActionListDraftDocument);

  const [form, setForm] = useState<DraftForm>(EMPTY_DRAFT);
  const [loadedFrom, setLoadedFrom] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const summaryRef = useRef(false);

  const draft = listData?.actionList.versions.find((v) => v.status === 'DRAFT');
  useEffect(() => {
    if (draft && loadedFrom !== draft.id) {
      setForm(draftFromVersion(draft, me.organisation.id));
      setLoadedFrom(draft.id);
    }
  }, [draft, loadedFrom, me.organisation.id]);

  useEffect(() => {
    if (summaryRef.current) {
      summaryRef.current = false;
      document.getElementById('concept-fouten')?.focus();
    }
  });

  const others = (orgData?.organisations ?? []).filter((o) => o.active && o.id !== me.organisation.id);
  const partyOptions = [
    { value: me.organisation.id, label: me.organisation.name },
    ...others.filter((o) => form.partyIds.includes(o.id)).map((o) => ({ value: o.id, label: o.name })),
  ];
  const topicOptions = optionsOf(TOPIC_LABEL);

  if (editing && listError) {
    return (
      <>
        <Heading1>Concept bewerken</Heading1>
        <Alert type="error" role="alert">
          <Paragraph>{errorsByField(listError, () => undefined).general[0]}</Paragraph>
        </Alert>
      </>
    );
  }
  if (editing && listData && !draft) {
    return (
      <>
        <Heading1>Concept bewerken</Heading1>
        <Alert type="warning">
          <Paragraph>Deze lijst heeft geen concept meer: ze ligt ter ondertekening of is al definitief.</Paragraph>
        </Alert>
        <Paragraph>
          <AppLink to={`/actielijsten/${id}`}>Naar de actielijst</AppLink>
        </Paragraph>
      </>
    );
  }
  if (editing && !draft) {
    return (
      <>
        <Heading1>Concept bewerken</Heading1>
        <Paragraph role="status">Laden…</Paragraph>
      </>
    );
  }

  function set<K extends keyof DraftForm>(key: K, value: DraftForm[K]) {
    setForm((f) => ({ ...f, [key]: value }));
  }
  function setItem(index: number, patch: Partial<ItemRow>) {
    setForm((f) => ({ ...f, items: f.items.map((it, i) => (i === index ? { ...it, ...patch } : it)) }));
  }
  function setAgreement(index: number, patch: Partial<AgreementRow>) {
    setForm((f) => ({ ...f, agreements: f.agreements.map((a, i) => (i === index ? { ...a, ...patch } : a)) }));
  }
  function addItem() {
    const index = form.items.length;
    setForm((f) => ({ ...f, items: [...f.items, { id: null, key: newKey(), description: '', ownerOrganisationId: me.organisation.id, dueDate: '' }] }));
    window.setTimeout(() => document.getElementById(fieldId.item(index, 'description'))?.focus(), 0);
  }
  function addAgreement() {
    const index = form.agreements.length;
    setForm((f) => ({
      ...f,
      agreements: [...f.agreements, { key: newKey(), receivingOrganisationId: '', topic: '', acceptWithinWorkingDays: '2', firstContactWithinWorkingDays: '3' }],
    }));
    window.setTimeout(() => document.getElementById(fieldId.agreement(index, 'receiver'))?.focus(), 0);
  }
  function removeAt<K extends 'items' | 'agreements'>(key: K, index: number, focusTo: string) {
    setForm((f) => ({ ...f, [key]: f[key].filter((_, i) => i !== index) }));
    setErrors({});
    announce(key === 'items' ? 'Actie verwijderd.' : 'Afspraak verwijderd.');
    window.setTimeout(() => document.getElementById(focusTo)?.focus(), 0);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateDraft(form, me.organisation.id);
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      summaryRef.current = true;
      return;
    }
    try {
      if (editing && draft) {
        await update({ variables: { versionId: draft.id, input: toInput(form) } });
        announce('Concept opgeslagen.');
        await navigate(`/actielijsten/${id}`);
      } else {
        const result = await create({ variables: { input: toInput(form) } });
        announce('Actielijst opgesteld als concept.');
        await navigate(`/actielijsten/${result.data?.createActionList.id ?? ''}`);
      }
    } catch (err) {
      if (hasCode(err, 'CONFLICT')) {
        setGeneral([STALE]);
      } else {
        const split = errorsByField(err, fieldForPath);
        setErrors(split.byField);
        setGeneral(split.general);
      }
      summaryRef.current = true;
      // Re-render to move focus to the summary.
      setForm((f) => ({ ...f }));
    }
  }

  const labels: Record<string, string> = { [fieldId.title]: 'Titel', [fieldId.description]: 'Beschrijving', [fieldId.parties]: 'Partijen' };
  form.items.forEach((_, i) => {
    labels[fieldId.item(i, 'description')] = `Actie ${i + 1}, wat`;
    labels[fieldId.item(i, 'owner')] = `Actie ${i + 1}, wie`;
    labels[fieldId.item(i, 'dueDate')] = `Actie ${i + 1}, klaar op`;
  });
  form.agreements.forEach((_, i) => {
    labels[fieldId.agreement(i, 'receiver')] = `Afspraak ${i + 1}, ontvanger`;
    labels[fieldId.agreement(i, 'topic')] = `Afspraak ${i + 1}, onderwerp`;
    labels[fieldId.agreement(i, 'accept')] = `Afspraak ${i + 1}, aanvaarden`;
    labels[fieldId.agreement(i, 'contact')] = `Afspraak ${i + 1}, eerste contact`;
  });

  return (
    <>
      <Heading1>{editing ? 'Concept bewerken' : 'Nieuwe actielijst'}</Heading1>
      <Paragraph>
        Schrijf op wat de organisaties samen gaan doen en hoe snel zij reageren op een doorverwijzing. U slaat eerst een concept op. Pas als u het ter ondertekening aanbiedt, ligt de inhoud vast.
      </Paragraph>
      <form noValidate onSubmit={(e) => void submit(e)} className="schakel-form">
        <ErrorSummary id="concept-fouten" errors={errors} labels={labels} general={general} />

        <div className="schakel-form__section">
          <TextField id={fieldId.title} label="Titel" required value={form.title} onChange={(v) => set('title', v)} error={errors[fieldId.title]} maxLength={200} />
          <TextAreaField id={fieldId.description} label="Beschrijving" rows={4} value={form.description} onChange={(v) => set('description', v)} error={errors[fieldId.description]} maxLength={4000} />
        </div>

        <Fieldset id={fieldId.parties} invalid={Boolean(errors[fieldId.parties])} className="schakel-form__section" aria-describedby={`${fieldId.parties}-hulp${errors[fieldId.parties] ? ` ${fieldId.parties}-fout` : ''}`}>
          <FieldsetLegend>Partijen die ondertekenen</FieldsetLegend>
          <FormFieldDescription id={`${fieldId.parties}-hulp`}>{me.organisation.name} ondertekent altijd. Kies de andere organisaties.</FormFieldDescription>
          {errors[fieldId.parties] && (
            <FormFieldErrorMessage id={`${fieldId.parties}-fout`} className="schakel-field-error">
              {errors[fieldId.parties]}
            </FormFieldErrorMessage>
          )}
          {others.map((o) => (
            <CheckboxField
              key={o.id}
              id={`partij-${o.id}`}
              label={o.name}
              checked={form.partyIds.includes(o.id)}
              onChange={(checked) => set('partyIds', checked ? [...form.partyIds, o.id] : form.partyIds.filter((p) => p !== o.id))}
            />
          ))}
        </Fieldset>

        <div className="schakel-form__section">
          <Heading2>Acties</Heading2>
          {form.items.length === 0 && <Paragraph>Nog geen acties.</Paragraph>}
          {form.items.map((item, i) => (
            <fieldset key={item.key} className="schakel-form__section" aria-labelledby={`actie-${i}-titel`}>
              <Heading3 id={`actie-${i}-titel`}>Actie {i + 1}</Heading3>
              <TextAreaField id={fieldId.item(i, 'description')} label="Wat wordt er gedaan?" required rows={2} value={item.description} onChange={(v) => setItem(i, { description: v })} error={errors[fieldId.item(i, 'description')]} maxLength={1000} />
              <SelectField id={fieldId.item(i, 'owner')} label="Wie doet het?" required value={item.ownerOrganisationId} onChange={(v) => setItem(i, { ownerOrganisationId: v })} error={errors[fieldId.item(i, 'owner')]} options={partyOptions} placeholder="Kies een partij" />
              <TextField
                id={fieldId.item(i, 'dueDate')}
                label="Klaar op"
                description="Als JJJJ-MM-DD, bijvoorbeeld 2027-01-15."
                value={item.dueDate}
                onChange={(v) => setItem(i, { dueDate: v })}
                error={errors[fieldId.item(i, 'dueDate')]}
                inputMode="numeric"
                maxLength={10}
              />
              <Button appearance="subtle-button" type="button" onClick={() => removeAt('items', i, 'actie-toevoegen')}>
                Actie {i + 1} verwijderen
              </Button>
            </fieldset>
          ))}
          <Button id="actie-toevoegen" appearance="secondary-action-button" type="button" onClick={addItem}>
            Actie toevoegen
          </Button>
        </div>

        <div className="schakel-form__section">
          <Heading2>Afspraken over reactietijden</Heading2>
          <Paragraph>Als de lijst definitief is, gelden deze termijnen voor nieuwe doorverwijzingen naar die organisatie, in plaats van de standaardtermijnen.</Paragraph>
          {form.agreements.length === 0 && <Paragraph>Nog geen afspraken.</Paragraph>}
          {form.agreements.map((a, i) => (
            <fieldset key={a.key} className="schakel-form__section" aria-labelledby={`afspraak-${i}-titel`}>
              <Heading3 id={`afspraak-${i}-titel`}>Afspraak {i + 1}</Heading3>
              <SelectField id={fieldId.agreement(i, 'receiver')} label="Welke organisatie ontvangt?" required value={a.receivingOrganisationId} onChange={(v) => setAgreement(i, { receivingOrganisationId: v })} error={errors[fieldId.agreement(i, 'receiver')]} options={partyOptions} placeholder="Kies een partij" />
              <SelectField id={fieldId.agreement(i, 'topic')} label="Onderwerp" required value={a.topic} onChange={(v) => setAgreement(i, { topic: v })} error={errors[fieldId.agreement(i, 'topic')]} options={[{ value: '', label: 'Alle onderwerpen' }, ...topicOptions]} />
              <TextField id={fieldId.agreement(i, 'accept')} label="Aanvaarden binnen (werkdagen)" required inputMode="numeric" value={a.acceptWithinWorkingDays} onChange={(v) => setAgreement(i, { acceptWithinWorkingDays: v })} error={errors[fieldId.agreement(i, 'accept')]} maxLength={2} />
              <TextField
                id={fieldId.agreement(i, 'contact')}
                label="Eerste contact met de inwoner binnen (werkdagen na aanvaarden)"
                required
                inputMode="numeric"
                value={a.firstContactWithinWorkingDays}
                onChange={(v) => setAgreement(i, { firstContactWithinWorkingDays: v })}
                error={errors[fieldId.agreement(i, 'contact')]}
                maxLength={2}
              />
              <Button appearance="subtle-button" type="button" onClick={() => removeAt('agreements', i, 'afspraak-toevoegen')}>
                Afspraak {i + 1} verwijderen
              </Button>
            </fieldset>
          ))}
          <Button id="afspraak-toevoegen" appearance="secondary-action-button" type="button" onClick={addAgreement}>
            Afspraak toevoegen
          </Button>
        </div>

        <ButtonGroup className="schakel-form__actions">
          <Button appearance="primary-action-button" type="submit" busy={creating || updating}>
            Concept opslaan
          </Button>
          <AppLink to={editing ? `/actielijsten/${id}` : '/actielijsten'}>Annuleren</AppLink>
        </ButtonGroup>
      </form>
    </>
  );
}
