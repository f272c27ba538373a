import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, ButtonGroup, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { CreateLearningStoryDocument, HandoffsDocument, ReferralMaatwerkDocument } from '../api/generated';
import { errorsByField } from '../api/errors';
import { useMe } from '../app/me';
import { AppLink } from '../ui/AppLink';
import { ErrorSummary, RadioGroupField, SelectField, TextAreaField, TextField } from '../ui/fields';
import { shortDay } from '../ui/format';
import { BOTTLENECK_LABEL, TOPIC_LABEL } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import './reports.css';

const FIELDS = { knelpunt: 'Knelpunt met maatwerk', titel: 'Titel', situatie: 'De situatie', actie: 'Wat er is gedaan', reden: 'Waarom', regels: 'Wat het vroeg van de regels' } as const;
type Field = keyof typeof FIELDS;

const API_FIELD: Record<string, Field> = { bottleneckId: 'knelpunt', title: 'titel', situation: 'situatie', action: 'actie', reason: 'reden', ruleNeed: 'regels' };

const NO_PERSONAL_DATA = 'Zonder namen, BSN, telefoonnummers, e-mailadressen, adressen of datums.';

/** The maatwerk of one handled case of my organisation, to choose what the story is about. */
function MaatwerkChoice({ referralId, value, onChange, error }: { referralId: string; value: string; onChange: (v: string) => void; error?: string }) {
  const me = useMe();
  const { data, loading } = useQuery(ReferralMaatwerkDocument, { variables: { id: referralId }, fetchPolicy: 'network-only' });
  if (loading && !data) return <Paragraph role="status">Laden…</Paragraph>;
  const options = (data?.referral.bottlenecks ?? [])
    .filter((b) => b.customSolutionApplied && b.organisation.id === me.organisation.id)
    .map((b) => ({ value: b.id, label: `${BOTTLENECK_LABEL[b.category]}: ${b.rule ? `${b.rule}. ` : ''}Maatwerk: ${b.customSolution ?? 'toegepast'}` }));
  if (options.length === 0) return <Paragraph>Bij deze zaak heeft uw organisatie geen maatwerk vastgelegd. Kies een andere zaak.</Paragraph>;
  return <RadioGroupField id="knelpunt" label={FIELDS.knelpunt} required value={value} onChange={onChange} options={options} error={error} />;
}

/**
 * Write a leerverhaal about the maatwerk in a handled case. The story keeps only month, topic and
 * category of the case; the API refuses a text with personal data and says which field.
 */
export default function NewLearningStoryPage() {
  usePageTitle('Nieuw leerverhaal');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const given = params.get('knelpunt');
  const { data: handled } = useQuery(HandoffsDocument, { variables: { direction: 'INCOMING', status: ['COMPLETED'], first: 50 }, fetchPolicy: 'cache-and-network', skip: Boolean(given) });
  const [referralId, setReferralId] = useState('');
  const [bottleneckId, setBottleneckId] = useState(given ?? '');
  const [values, setValues] = useState({ titel: '', situatie: '', actie: '', reden: '', regels: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [create, { loading }] = useMutation(CreateLearningStoryDocument);
  const cases = (handled?.handoffs.edges ?? []).map((e) => e.node);

  function set(field: Exclude<Field, 'knelpunt'>) {
    return (v: string) => setValues((s) => ({ ...s, [field]: v }));
  }

  function show(found: Partial<Record<Field, string>>, generalProblems: string[]) {
    setErrors(found);
    setGeneral(generalProblems);
    window.setTimeout(() => document.getElementById('verhaal-fouten')?.focus(), 0);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!bottleneckId) found.knelpunt = 'Kies het maatwerk waar het verhaal over gaat.';
    if (!values.titel.trim()) found.titel = 'Geef het verhaal een korte titel.';
    if (!values.situatie.trim()) found.situatie = 'Beschrijf de situatie.';
    if (!values.actie.trim()) found.actie = 'Schrijf op wat er is gedaan.';
    if (!values.reden.trim()) found.reden = 'Schrijf op waarom.';
    if (Object.keys(found).length > 0) return show(found, []);
    try {
      const result = await create({
        variables: { input: { bottleneckId, title: values.titel.trim(), situation: values.situatie.trim(), action: values.actie.trim(), reason: values.reden.trim(), ruleNeed: values.regels.trim() || null } },
      });
      navigate('/leerverhalen', { state: { created: result.data?.createLearningStory.title } });
    } catch (err) {
      const { byField, general: rest } = errorsByField(err, (path) => API_FIELD[path.split('.').pop() ?? '']);
      show(byField as Partial<Record<Field, string>>, rest);
    }
  }

  return (
    <>
      <Heading1>Nieuw leerverhaal</Heading1>
      <Paragraph>
        Vertel over maatwerk in een zaak die uw organisatie heeft afgerond. {NO_PERSONAL_DATA} Het verhaal verwijst niet naar de zaak. Een coördinator beoordeelt het voordat het in een rapportage komt.
      </Paragraph>
      <ErrorSummary id="verhaal-fouten" errors={errors as Record<string, string>} labels={FIELDS} general={general} />
      <form noValidate onSubmit={(e) => void submit(e)} className="schakel-form">
        <Heading2>Over welk maatwerk?</Heading2>
        {given ? (
          <Paragraph>Het verhaal gaat over het maatwerk dat u koos in de zaak.</Paragraph>
        ) : cases.length === 0 ? (
          <Alert type="info">
            <Paragraph>Uw organisatie heeft nog geen zaken afgerond. Een leerverhaal kan pas na afronden.</Paragraph>
          </Alert>
        ) : (
          <>
            <SelectField
              id="zaak"
              label="Afgeronde zaak"
              description="Op onderwerp en datum; namen staan hier niet."
              required
              value={referralId}
              onChange={(v) => {
                setReferralId(v);
                setBottleneckId('');
              }}
              placeholder="Kies een zaak"
              options={cases.map((h) => ({ value: h.referral.id, label: `${TOPIC_LABEL[h.referral.topic]}, afgerond ${shortDay(h.updatedAt)}, van ${h.from.name}` }))}
            />
            {referralId && <MaatwerkChoice referralId={referralId} value={bottleneckId} onChange={setBottleneckId} error={errors.knelpunt} />}
            {!referralId && errors.knelpunt && (
              <Paragraph className="schakel-error-text" id="knelpunt">
                {errors.knelpunt}
              </Paragraph>
            )}
          </>
        )}

        <Heading2>Het verhaal</Heading2>
        <TextField id="titel" label={FIELDS.titel} required value={values.titel} onChange={set('titel')} error={errors.titel} maxLength={200} />
        <TextAreaField id="situatie" label={FIELDS.situatie} description={NO_PERSONAL_DATA} required value={values.situatie} onChange={set('situatie')} error={errors.situatie} maxLength={2000} rows={4} />
        <TextAreaField id="actie" label={FIELDS.actie} required value={values.actie} onChange={set('actie')} error={errors.actie} maxLength={2000} rows={4} />
        <TextAreaField id="reden" label={FIELDS.reden} required value={values.reden} onChange={set('reden')} error={errors.reden} maxLength={2000} rows={4} />
        <TextAreaField id="regels" label={FIELDS.regels} description="Welke regel of welk systeem zat in de weg, en wat zou helpen?" value={values.regels} onChange={set('regels')} error={errors.regels} maxLength={2000} rows={3} />
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" busy={loading}>
            Leerverhaal opslaan
          </Button>
          <AppLink to="/leerverhalen">Annuleren</AppLink>
        </ButtonGroup>
      </form>
    </>
  );
}
