import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Fieldset, FieldsetLegend, FormField, FormLabel, Heading1, Paragraph, Textbox } from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { CallbackCapacityDocument, SetCallbackCapacityDocument, type PartOfDay } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { useMe } from '../app/me';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary } from '../ui/fields';
import { usePageTitle } from '../ui/page';
import './callbacks.css';

const WEEKDAYS = ['Maandag', 'Dinsdag', 'Woensdag', 'Donderdag', 'Vrijdag'];
const PARTS: Array<{ part: PartOfDay; label: string }> = [
  { part: 'OCHTEND', label: 'Ochtend (9.00–12.00)' },
  { part: 'MIDDAG', label: 'Middag (13.00–17.00)' },
];
const MAX = 50;

function fieldId(weekday: number, part: PartOfDay): string {
  return `plekken-${weekday}-${part.toLowerCase()}`;
}

/** The coordinator sets how many callbacks a door takes per weekday and part of day. */
export default function CallbackCapacityPage() {
  const { id = '' } = useParams();
  usePageTitle('Terugbelcapaciteit');
  const me = useMe();
  const announce = useAnnounce();
  const { data, error } = useQuery(CallbackCapacityDocument, { variables: { doorId: id } });
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const [save, { loading }] = useMutation(SetCallbackCapacityDocument);

  useEffect(() => {
    if (!data) return;
    const next: Record<string, string> = {};
    for (let weekday = 1; weekday <= 5; weekday++) {
      for (const { part } of PARTS) next[fieldId(weekday, part)] = String(data.callbackCapacity.slots.find((s) => s.weekday === weekday && s.partOfDay === part)?.places ?? 0);
    }
    setValues(next);
  }, [data]);

  if (error && !data) {
    return (
      <>
        <Heading1>Terugbelcapaciteit</Heading1>
        <Alert type="error" role="alert">
          <Paragraph>{userFacingErrors(error)[0]?.message}</Paragraph>
        </Alert>
      </>
    );
  }
  if (!data) return <Paragraph role="status">Laden…</Paragraph>;
  const capacity = data.callbackCapacity;
  const own = capacity.organisationId === me.organisation.id;
  const labels: Record<string, string> = {};
  for (let weekday = 1; weekday <= 5; weekday++) for (const { part, label } of PARTS) labels[fieldId(weekday, part)] = `${WEEKDAYS[weekday - 1]}, ${label.toLowerCase()}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const found: Record<string, string> = {};
    const slots: Array<{ weekday: number; partOfDay: PartOfDay; places: number }> = [];
    for (let weekday = 1; weekday <= 5; weekday++) {
      for (const { part } of PARTS) {
        const key = fieldId(weekday, part);
        const raw = (values[key] ?? '').trim();
        const n = Number(raw);
        if (!/^\d+$/.test(raw) || n > MAX) found[key] = `Vul een heel getal in van 0 tot en met ${MAX}.`;
        else slots.push({ weekday, partOfDay: part, places: n });
      }
    }
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      window.setTimeout(() => document.getElementById('capaciteit-fouten')?.focus(), 0);
      return;
    }
    try {
      await save({ variables: { input: { doorId: id, slots } } });
      setSaved(true);
      announce('De terugbelcapaciteit is opgeslagen.');
    } catch (err) {
      setGeneral(userFacingErrors(err).map((x) => x.message));
      window.setTimeout(() => document.getElementById('capaciteit-fouten')?.focus(), 0);
    }
  }

  return (
    <>
      <Heading1>Terugbelcapaciteit: {capacity.doorName}</Heading1>
      <Paragraph>
        Vul per dagdeel in hoeveel inwoners dit loket kan terugbellen. De balie van een andere organisatie kan dan een tijdvak kiezen terwijl de inwoner erbij is. Weekenden en
        feestdagen tellen niet mee.
      </Paragraph>
      <Paragraph>Verlaagt u een aantal? Afspraken die al gemaakt zijn blijven gewoon staan. Er komen pas nieuwe afspraken bij als er weer plek is.</Paragraph>
      {!own && (
        <Alert type="warning">
          <Paragraph>Dit loket is van een andere organisatie. U kunt de capaciteit alleen bekijken.</Paragraph>
        </Alert>
      )}
      {saved && (
        <Alert type="ok">
          <Paragraph>Opgeslagen.</Paragraph>
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorSummary id="capaciteit-fouten" errors={errors} labels={labels} general={general} />
        {WEEKDAYS.map((day, i) => (
          <Fieldset key={day} className="schakel-field">
            <FieldsetLegend>{day}</FieldsetLegend>
            <div className="schakel-callback-capacity">
              {PARTS.map(({ part, label }) => {
                const key = fieldId(i + 1, part);
                return (
                  <FormField key={key} invalid={Boolean(errors[key])}>
                    <FormLabel htmlFor={key}>{label}</FormLabel>
                    {errors[key] && (
                      <p id={`${key}-fout`} className="utrecht-form-field-error-message schakel-field-error">
                        {errors[key]}
                      </p>
                    )}
                    <Textbox
                      id={key}
                      name={key}
                      inputMode="numeric"
                      value={values[key] ?? ''}
                      disabled={!own}
                      invalid={Boolean(errors[key])}
                      aria-invalid={errors[key] ? true : undefined}
                      aria-describedby={errors[key] ? `${key}-fout` : undefined}
                      onChange={(e) => setValues({ ...values, [key]: e.target.value })}
                    />
                  </FormField>
                );
              })}
            </div>
          </Fieldset>
        ))}
        {own && (
          <Button appearance="primary-action-button" type="submit" busy={loading}>
            Capaciteit opslaan
          </Button>
        )}
      </form>
    </>
  );
}
