import { useQuery } from '@apollo/client/react';
import { FormField, FormLabel, Heading2, Paragraph, Textbox } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { DoorMatchesDocument, type ReferralTopic } from '../api/generated';
import { useMe } from '../app/me';
import { RadioGroupField, SelectField, TextField } from '../ui/fields';
import { TOPIC_LABEL } from '../ui/labels';
import { isGemeentecode, KNOWN_GEMEENTEN, speedInWords } from './door-words';
import './doors.css';

/**
 * "Welk loket": the citizen's gemeente and the ranked doors of the sociale kaart for the chosen
 * topic (topic and region first, then measured speed). Choosing a door chooses its organisation.
 */
export function DoorChooser({
  topic,
  doorId,
  onChoose,
}: {
  topic: ReferralTopic | '';
  doorId: string;
  onChoose: (door: { id: string; organisationId: string } | null) => void;
}) {
  const [known, setKnown] = useState('');
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const typedValid = typed === '' || isGemeentecode(typed);
  const gemeentecode = typed !== '' ? (typedValid ? typed : null) : known || null;
  const { data, loading } = useQuery(DoorMatchesDocument, {
    variables: { topic: topic as ReferralTopic, gemeentecode, search: search.trim() || null },
    skip: topic === '',
  });
  const me = useMe();
  // A referral goes to another organisation: the own organisation's doors are not offered.
  const matches = (data?.doorMatches ?? []).filter((m) => m.door.organisationId !== me.organisation.id);
  const chosen = matches.find((m) => m.door.id === doorId);
  // Another topic or gemeente can drop the chosen door from the list: then no door is chosen any more
  // (the organisation it chose stays chosen below, where it can be changed).
  useEffect(() => {
    if (!loading && data && doorId && !chosen) onChoose(null);
  }, [loading, data, doorId, chosen, onChoose]);

  return (
    <section aria-labelledby="kop-loket" className="schakel-form__section">
      <Heading2 id="kop-loket">Welk loket</Heading2>
      <SelectField
        id="gemeente"
        label="Gemeente van de inwoner"
        description="Kies de gemeente waar de inwoner woont, of vul hieronder de gemeentecode in."
        value={known}
        onChange={setKnown}
        options={KNOWN_GEMEENTEN.map((g) => ({ value: g.code, label: `${g.name} (${g.code})` }))}
        placeholder="Kies een gemeente"
      />
      <TextField
        id="gemeentecode"
        label="Of de gemeentecode"
        description="4 cijfers, bijvoorbeeld 0855."
        value={typed}
        onChange={setTyped}
        inputMode="numeric"
        maxLength={4}
        error={typedValid ? undefined : 'Een gemeentecode bestaat uit 4 cijfers, bijvoorbeeld 0855.'}
      />
      <FormField className="schakel-field">
        <FormLabel htmlFor="zoek-loket">
          Zoek een loket <span className="schakel-muted">(niet verplicht)</span>
        </FormLabel>
        <Textbox id="zoek-loket" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
      </FormField>
      {topic === '' ? (
        <Paragraph>Kies eerst een onderwerp; dan ziet u de loketten die erbij passen.</Paragraph>
      ) : (
        <RadioGroupField
          id="doorId"
          label="Loketten voor deze inwoner"
          description={
            loading
              ? 'Loketten worden geladen…'
              : matches.length === 0
                ? `Geen loket gevonden voor ${TOPIC_LABEL[topic]} in deze gemeente. Kies hieronder een andere organisatie.`
                : 'Beste keuze bovenaan: onderwerp en gemeente, dan hoe snel het loket echt reageert.'
          }
          value={doorId}
          onChange={(id) => {
            const m = matches.find((x) => x.door.id === id);
            onChoose(m ? { id: m.door.id, organisationId: m.door.organisationId } : null);
          }}
          options={matches.map((m) => ({
            value: m.door.id,
            label: `${m.door.name} (${m.door.organisationName}): ${m.norm.norm.description}. ${speedInWords(m.medianMinutes)}. ${m.explanation}.`,
          }))}
        />
      )}
      {chosen && chosen.checklist.length > 0 && (
        <div className="schakel-door-checklist" aria-live="polite">
          <Paragraph>
            <strong>{chosen.door.name} wil graag weten:</strong>
          </Paragraph>
          <ul>
            {chosen.checklist.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
