import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Fieldset, FieldsetLegend, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { BundleOrganisationsDocument, CreateBundleDocument, type BundleMemberRole, type ConsentMethod, type ReferralTopic, type Urgency } from '../api/generated';
import { errorsByField } from '../api/errors';
import { useMe } from '../app/me';
import { checkBsn } from '../referrals/bsn';
import { useAnnounce } from '../ui/announcer';
import { CheckboxField, ErrorSummary, RadioGroupField, SelectField, TextAreaField, TextField } from '../ui/fields';
import { BUNDLE_MEMBER_ROLE_LABEL, CONSENT_METHOD_LABEL, optionsOf, TOPIC_LABEL, URGENCY_LABEL } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import {
  emptyBundleDraft,
  fieldForBundlePath,
  memberField,
  newMember,
  newPart,
  partField,
  SUMMARY_MAX,
  toCreateBundleInput,
  validateBundleDraft,
  type BundleDraft,
  type BundleErrors,
  type MemberDraft,
  type PartDraft,
} from './bundle-form';

function newKey(): string {
  return crypto.randomUUID();
}

/** Labels for the error summary: "Gezinslid 2: BSN", "Onderdeel 1: Organisatie". */
function labelsFor(draft: BundleDraft): Record<string, string> {
  const labels: Record<string, string> = { coordinatingOrganisationId: 'Regie' };
  draft.members.forEach((_, i) => {
    const who = `Gezinslid ${i + 1}`;
    labels[memberField(i, 'bsn')] = `${who}: BSN`;
    labels[memberField(i, 'name')] = `${who}: naam`;
    labels[memberField(i, 'phone')] = `${who}: telefoon`;
    labels[memberField(i, 'consents')] = `${who}: toestemming`;
    labels[memberField(i, 'role')] = `${who}: rol`;
  });
  draft.parts.forEach((_, i) => {
    const what = `Onderdeel ${i + 1}`;
    labels[partField(i, 'memberKey')] = `${what}: voor wie`;
    labels[partField(i, 'toOrganisationId')] = `${what}: organisatie`;
    labels[partField(i, 'topic')] = `${what}: onderwerp`;
    labels[partField(i, 'summary')] = `${what}: verhaal`;
    labels[partField(i, 'urgency')] = `${what}: urgentie`;
  });
  return labels;
}

export default function NewBundlePage() {
  usePageTitle('Nieuwe bundel');
  const me = useMe();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<BundleDraft>(emptyBundleDraft);
  const [errors, setErrors] = useState<BundleErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const idempotencyKey = useRef(newKey());
  const inFlight = useRef(false);
  const summaryId = useId();
  const [createBundle, { loading: sending }] = useMutation(CreateBundleDocument);
  const { data: orgData } = useQuery(BundleOrganisationsDocument);
  const organisations = useMemo(() => (orgData?.organisations ?? []).filter((o) => o.active), [orgData]);
  const receivers = organisations.filter((o) => o.id !== me.organisation.id);
  const memberName = (m: MemberDraft, i: number) => (m.name.trim() ? `${m.name.trim()} (${BUNDLE_MEMBER_ROLE_LABEL[m.role].toLowerCase()})` : `Gezinslid ${i + 1}`);

  function clear(...fields: string[]) {
    if (fields.some((f) => errors[f])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k))));
  }
  function setMember(i: number, change: Partial<MemberDraft>, field: Parameters<typeof memberField>[1]) {
    setDraft((d) => ({ ...d, members: d.members.map((m, j) => (j === i ? { ...m, ...change } : m)) }));
    clear(memberField(i, field));
  }
  function setPart(i: number, change: Partial<PartDraft>, field: Parameters<typeof partField>[1]) {
    setDraft((d) => ({ ...d, parts: d.parts.map((p, j) => (j === i ? { ...p, ...change } : p)) }));
    clear(partField(i, field));
  }
  function toggleConsent(i: number, organisationId: string, given: boolean) {
    const member = draft.members[i];
    setMember(i, { consents: given ? [...member.consents, organisationId] : member.consents.filter((c) => c !== organisationId) }, 'consents');
  }
  function addMember() {
    setDraft((d) => {
      const member = newMember('PARTNER');
      return { ...d, members: [...d.members, member], parts: [...d.parts, newPart(member.key)] };
    });
    // Errors are per position: check again after adding.
    setErrors({});
  }
  function removeMember(i: number) {
    setDraft((d) => {
      const key = d.members[i].key;
      return { ...d, members: d.members.filter((_, j) => j !== i), parts: d.parts.filter((p) => p.memberKey !== key) };
    });
    setErrors({});
  }
  function addPart() {
    setDraft((d) => ({ ...d, parts: [...d.parts, newPart(d.members[0]?.key ?? '')] }));
    setErrors({});
  }
  function removePart(i: number) {
    setDraft((d) => ({ ...d, parts: d.parts.filter((_, j) => j !== i) }));
    setErrors({});
  }

  function showErrors(next: BundleErrors, generalErrors: string[]) {
    setErrors(next);
    setGeneral(generalErrors);
    window.setTimeout(() => document.getElementById(summaryId)?.focus(), 0);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current) return;
    const found = validateBundleDraft(draft, me.organisation.id);
    if (Object.keys(found).length > 0) {
      showErrors(found, []);
      return;
    }
    inFlight.current = true;
    try {
      const result = await createBundle({ variables: { input: toCreateBundleInput(draft, idempotencyKey.current) } });
      const created = result.data?.createBundle;
      if (!created) return;
      idempotencyKey.current = newKey();
      const parts = created.members.reduce((n, m) => n + m.parts.length, 0);
      announce(`Bundel gemaakt met ${parts} onderdelen.`);
      navigate(`/bundels/${created.id}`, { state: { created: true } });
    } catch (error) {
      const { byField, general: rest } = errorsByField(error, fieldForBundlePath);
      showErrors(byField, rest);
    } finally {
      inFlight.current = false;
    }
  }

  // Who may have the regie: your own organisation or one that receives a part.
  const regieOptions = organisations.filter((o) => o.id === me.organisation.id || draft.parts.some((p) => p.toOrganisationId === o.id));

  return (
    <>
      <Heading1>Nieuwe bundel</Heading1>
      <Paragraph>
        Een bundel verwijst meerdere leden van één huishouden tegelijk door naar meerdere organisaties. Elk onderdeel wordt een eigen
        doorverwijzing, met eigen toestemming en termijn. Eén organisatie houdt de regie. Een organisatie ziet alleen de gezinsleden die
        daarvoor toestemming gaven.
      </Paragraph>
      <form onSubmit={submit} noValidate className="schakel-form">
        <ErrorSummary id={summaryId} errors={errors} labels={labelsFor(draft)} general={general} />

        <section aria-labelledby="kop-leden" className="schakel-form__section">
          <Heading2 id="kop-leden">Gezinsleden</Heading2>
          {draft.members.map((m, i) => {
            const bsn = checkBsn(m.bsn);
            const bsnStatus = bsn.state === 'valid' ? 'BSN klopt (elfproef).' : bsn.state === 'empty' ? null : bsn.message;
            return (
              <section key={m.key} aria-labelledby={`kop-lid-${i}`} className="schakel-bundle-member">
                <Heading3 id={`kop-lid-${i}`}>Gezinslid {i + 1}</Heading3>
                <SelectField
                  id={memberField(i, 'role')}
                  label="Rol in het huishouden"
                  required
                  value={m.role}
                  onChange={(v) => setMember(i, { role: v as BundleMemberRole }, 'role')}
                  options={optionsOf(BUNDLE_MEMBER_ROLE_LABEL)}
                />
                <TextField
                  id={memberField(i, 'bsn')}
                  label="BSN"
                  required
                  description="9 cijfers."
                  value={m.bsn}
                  onChange={(v) => setMember(i, { bsn: v }, 'bsn')}
                  error={errors[memberField(i, 'bsn')]}
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={11}
                  status={errors[memberField(i, 'bsn')] ? null : bsnStatus}
                />
                <TextField id={memberField(i, 'name')} label="Naam" required value={m.name} onChange={(v) => setMember(i, { name: v }, 'name')} error={errors[memberField(i, 'name')]} autoComplete="off" maxLength={200} />
                <TextField id={memberField(i, 'phone')} label="Telefoon" type="tel" value={m.phone} onChange={(v) => setMember(i, { phone: v }, 'phone')} error={errors[memberField(i, 'phone')]} autoComplete="off" inputMode="tel" />
                <Fieldset
                  id={memberField(i, 'consents')}
                  className="schakel-field"
                  invalid={Boolean(errors[memberField(i, 'consents')])}
                  aria-describedby={errors[memberField(i, 'consents')] ? `${memberField(i, 'consents')}-error` : undefined}
                >
                  <FieldsetLegend>Toestemming: met wie mag u de gegevens van dit gezinslid delen?</FieldsetLegend>
                  {errors[memberField(i, 'consents')] && (
                    <p className="utrecht-form-field-error-message" id={`${memberField(i, 'consents')}-error`}>
                      {errors[memberField(i, 'consents')]}
                    </p>
                  )}
                  {receivers.map((o) => (
                    <CheckboxField
                      key={o.id}
                      id={`${memberField(i, 'consents')}-${o.id}`}
                      label={o.name}
                      checked={m.consents.includes(o.id)}
                      onChange={(given) => toggleConsent(i, o.id, given)}
                    />
                  ))}
                </Fieldset>
                {draft.members.length > 1 && (
                  <Button appearance="secondary-action-button" type="button" onClick={() => removeMember(i)}>
                    Gezinslid {i + 1} weghalen
                  </Button>
                )}
              </section>
            );
          })}
          <Button appearance="secondary-action-button" type="button" onClick={addMember}>
            Gezinslid toevoegen
          </Button>
          <RadioGroupField
            id="consentMethod"
            label="Hoe vroeg u de toestemming?"
            required
            value={draft.consentMethod}
            onChange={(v) => setDraft((d) => ({ ...d, consentMethod: v as ConsentMethod }))}
            options={optionsOf(CONSENT_METHOD_LABEL)}
          />
        </section>

        <section aria-labelledby="kop-onderdelen" className="schakel-form__section">
          <Heading2 id="kop-onderdelen">Onderdelen</Heading2>
          <Paragraph>Elk onderdeel is één hulpvraag van één gezinslid aan één organisatie.</Paragraph>
          {draft.parts.map((p, i) => (
            <section key={i} aria-labelledby={`kop-onderdeel-${i}`} className="schakel-bundle-part">
              <Heading3 id={`kop-onderdeel-${i}`}>Onderdeel {i + 1}</Heading3>
              <SelectField
                id={partField(i, 'memberKey')}
                label="Voor wie"
                required
                value={p.memberKey}
                onChange={(v) => setPart(i, { memberKey: v }, 'memberKey')}
                error={errors[partField(i, 'memberKey')]}
                options={draft.members.map((m, j) => ({ value: m.key, label: memberName(m, j) }))}
              />
              <SelectField
                id={partField(i, 'toOrganisationId')}
                label="Naar organisatie"
                required
                value={p.toOrganisationId}
                onChange={(v) => setPart(i, { toOrganisationId: v }, 'toOrganisationId')}
                error={errors[partField(i, 'toOrganisationId')]}
                options={receivers.map((o) => ({ value: o.id, label: o.name }))}
                placeholder="Kies een organisatie"
              />
              <SelectField
                id={partField(i, 'topic')}
                label="Onderwerp"
                required
                value={p.topic}
                onChange={(v) => setPart(i, { topic: v as ReferralTopic | '' }, 'topic')}
                error={errors[partField(i, 'topic')]}
                options={optionsOf(TOPIC_LABEL)}
                placeholder="Kies een onderwerp"
              />
              <TextAreaField
                id={partField(i, 'summary')}
                label="Het verhaal"
                required
                rows={4}
                description={`Wat speelt er en wat is nodig? Hoogstens ${SUMMARY_MAX} tekens.`}
                value={p.summary}
                onChange={(v) => setPart(i, { summary: v }, 'summary')}
                error={errors[partField(i, 'summary')]}
                maxLength={SUMMARY_MAX}
              />
              <SelectField
                id={partField(i, 'urgency')}
                label="Urgentie"
                required
                value={p.urgency}
                onChange={(v) => setPart(i, { urgency: v as Urgency }, 'urgency')}
                options={optionsOf(URGENCY_LABEL)}
              />
              {draft.parts.length > 1 && (
                <Button appearance="secondary-action-button" type="button" onClick={() => removePart(i)}>
                  Onderdeel {i + 1} weghalen
                </Button>
              )}
            </section>
          ))}
          <Button appearance="secondary-action-button" type="button" onClick={addPart}>
            Onderdeel toevoegen
          </Button>
        </section>

        <section aria-labelledby="kop-regie" className="schakel-form__section">
          <Heading2 id="kop-regie">Regie</Heading2>
          <RadioGroupField
            id="coordinatingOrganisationId"
            label="Wie houdt de regie?"
            required
            description="Uw eigen organisatie of een organisatie die een onderdeel krijgt. De regie krijgt een melding als een onderdeel vastloopt of wordt teruggestuurd, en sluit de bundel."
            value={draft.coordinatingOrganisationId}
            onChange={(v) => {
              setDraft((d) => ({ ...d, coordinatingOrganisationId: v }));
              clear('coordinatingOrganisationId');
            }}
            error={errors.coordinatingOrganisationId}
            options={regieOptions.map((o) => ({ value: o.id, label: o.id === me.organisation.id ? `${o.name} (uw organisatie)` : o.name }))}
          />
        </section>

        <div className="schakel-form__actions">
          <Button appearance="primary-action-button" type="submit" busy={sending} aria-disabled={sending || undefined}>
            {sending ? 'Bezig met versturen…' : 'Bundel versturen'}
          </Button>
        </div>
      </form>
    </>
  );
}
