import { useMutation, useQuery } from '@apollo/client/react';
import { Button, ButtonGroup, Checkbox, Fieldset, FieldsetLegend, FormLabel, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ActionListOrganisationsDocument, BottleneckReportDocument, CreateSimplificationProposalDocument } from '../api/generated';
import { errorsByField } from '../api/errors';
import { AppLink } from '../ui/AppLink';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../ui/fields';
import { usePageTitle } from '../ui/page';
import { lastTwelveMonths, monthLabel } from './period';
import { categoryLabel } from './present';

const FIELDS = { eigenaar: 'Eigenaar van de regel of het systeem', regel: 'Regel of systeem', voorstel: 'Het voorstel', knelpunten: 'Knelpunten' } as const;
type Field = keyof typeof FIELDS;
const API_FIELD: Record<string, Field> = { ownerOrganisationId: 'eigenaar', rule: 'regel', proposal: 'voorstel', bottleneckIds: 'knelpunten' };

/** Turn knelpunten of my organisation into a voorstel on the vereenvoudigingsagenda, addressed to the owner. */
export default function NewProposalPage() {
  usePageTitle('Nieuw voorstel');
  const navigate = useNavigate();
  const { data: orgs } = useQuery(ActionListOrganisationsDocument, { fetchPolicy: 'cache-first' });
  const { data: report } = useQuery(BottleneckReportDocument, { variables: { period: lastTwelveMonths(), groupBy: 'RULE', scope: 'ORGANISATION', actionListId: null }, fetchPolicy: 'cache-and-network' });
  const [owner, setOwner] = useState('');
  const [rule, setRule] = useState('');
  const [proposal, setProposal] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [create, { loading }] = useMutation(CreateSimplificationProposalDocument);
  const items = report?.bottleneckReport.groups.flatMap((g) => g.items) ?? [];

  function show(found: Partial<Record<Field, string>>, rest: string[]) {
    setErrors(found);
    setGeneral(rest);
    window.setTimeout(() => document.getElementById('voorstel-fouten')?.focus(), 0);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!owner) found.eigenaar = 'Kies de organisatie die de regel of het systeem beheert.';
    if (!rule.trim()) found.regel = 'Noem de regel of het systeem.';
    if (!proposal.trim()) found.voorstel = 'Schrijf het voorstel op.';
    if (Object.keys(found).length > 0) return show(found, []);
    try {
      await create({ variables: { input: { ownerOrganisationId: owner, rule: rule.trim(), proposal: proposal.trim(), bottleneckIds: chosen } } });
      navigate('/rapportages/agenda', { state: { created: rule.trim() } });
    } catch (err) {
      const { byField, general: rest } = errorsByField(err, (path) => API_FIELD[path.split('.').pop() ?? '']);
      show(byField as Partial<Record<Field, string>>, rest);
    }
  }

  function toggle(id: string, on: boolean) {
    setChosen((list) => (on ? [...list, id] : list.filter((x) => x !== id)));
  }

  return (
    <>
      <Heading1>Nieuw voorstel</Heading1>
      <Paragraph>Zet knelpunten op de vereenvoudigingsagenda. De organisatie die de regel of het systeem beheert, krijgt het voorstel en beantwoordt het.</Paragraph>
      <ErrorSummary id="voorstel-fouten" errors={errors as Record<string, string>} labels={FIELDS} general={general} />
      <form noValidate onSubmit={(e) => void submit(e)} className="schakel-form">
        <SelectField
          id="eigenaar"
          label={FIELDS.eigenaar}
          required
          value={owner}
          onChange={setOwner}
          error={errors.eigenaar}
          placeholder="Kies een organisatie"
          options={(orgs?.organisations ?? []).filter((o) => o.active).map((o) => ({ value: o.id, label: o.name }))}
        />
        <TextField id="regel" label={FIELDS.regel} description='Bijvoorbeeld "Participatiewet art. 18" of "Suwinet-koppeling".' required value={rule} onChange={setRule} error={errors.regel} maxLength={500} />
        <TextAreaField id="voorstel" label={FIELDS.voorstel} description="Wat moet er anders, en wat levert het inwoners op?" required value={proposal} onChange={setProposal} error={errors.voorstel} maxLength={4000} />
        <Fieldset id="knelpunten" invalid={Boolean(errors.knelpunten)} className="schakel-field">
          <FieldsetLegend>
            {FIELDS.knelpunten} <span className="schakel-muted">(niet verplicht)</span>
          </FieldsetLegend>
          <p className="utrecht-form-field-description">Knelpunten van uw organisatie uit de afgelopen twaalf maanden die dit voorstel bundelt.</p>
          {errors.knelpunten && <p className="schakel-field-error">{errors.knelpunten}</p>}
          {items.length === 0 ? (
            <Paragraph>Er zijn geen knelpunten om te kiezen (of te weinig om te tonen).</Paragraph>
          ) : (
            items.map((i) => (
              <div key={i.id} className="schakel-checkbox-row">
                <Checkbox id={`kp-${i.id}`} name="knelpunten" checked={chosen.includes(i.id)} onChange={(e) => toggle(i.id, e.target.checked)} />
                <FormLabel htmlFor={`kp-${i.id}`} type="checkbox" checked={chosen.includes(i.id)}>
                  {monthLabel(i.month)}, {categoryLabel(i.category)}
                  {i.rule ? ` (${i.rule})` : ''}: {i.description}
                </FormLabel>
              </div>
            ))
          )}
        </Fieldset>
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" busy={loading}>
            Voorstel indienen
          </Button>
          <AppLink to="/rapportages/agenda">Annuleren</AppLink>
        </ButtonGroup>
      </form>
    </>
  );
}
