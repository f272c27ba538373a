import { useQuery } from '@apollo/client/react';
import { FormField, FormLabel, Heading1, Heading2, Heading3, Paragraph, Textbox } from '@utrecht/component-library-react';
import { useMemo, useState } from 'react';
import { AppLink } from '../ui/AppLink';
import { DoorsDocument, type DoorFieldsFragment, type ReferralTopic } from '../api/generated';
import { hasRole, useMe } from '../app/me';
import { SelectField } from '../ui/fields';
import { DOOR_REACH_LABEL, optionsOf, TOPIC_LABEL } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import './doors.css';
import { gemeenteName, KNOWN_GEMEENTEN, regionInWords, speedInWords, topicsInWords, WEEKDAY_LABEL } from './door-words';

export const DOOR_MAINTAINER_ROLES = ['COORDINATOR', 'BEHEERDER'] as const;

function DoorCard({ door, editable }: { door: DoorFieldsFragment; editable: boolean }) {
  return (
    <article className="schakel-door" aria-labelledby={`loket-${door.id}`}>
      <Heading3 id={`loket-${door.id}`}>
        {door.name} <span className="schakel-muted">({door.organisationName})</span>
      </Heading3>
      {door.description && <Paragraph>{door.description}</Paragraph>}
      <dl className="schakel-facts">
        <dt>Onderwerpen</dt>
        <dd>{topicsInWords(door.topics)}</dd>
        <dt>Voor</dt>
        <dd>{regionInWords(door)}</dd>
        <dt>Bereikbaar</dt>
        <dd>
          {DOOR_REACH_LABEL[door.reach]}
          {door.phone ? `: ${door.phone}` : ''}
          {door.liveAllowed ? ` (live overdragen mag, ${door.liveTimeoutMinutes} minuten)` : ''}
        </dd>
        <dt>Open</dt>
        <dd>{door.openingHours.length === 0 ? 'Geen vaste tijden' : door.openingHours.map((h) => `${WEEKDAY_LABEL[h.weekday]} ${h.opens}–${h.closes}`).join('; ')}</dd>
        <dt>Norm</dt>
        <dd>
          {door.norm.norm.description} {door.norm.fromAgreement ? '(afspraak in een ondertekende actielijst)' : '(standaardnorm)'}
        </dd>
        <dt>Snelheid</dt>
        <dd>{speedInWords(door.speed?.medianMinutes)}</dd>
        {!door.active && (
          <>
            <dt>Status</dt>
            <dd>Niet actief: staat niet op de kaart</dd>
          </>
        )}
      </dl>
      {door.checklist.length > 0 && (
        <>
          <Paragraph>
            <strong>Dit wil het loket weten:</strong>
          </Paragraph>
          <ul>
            {door.checklist.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}
      {editable && (
        <Paragraph>
          <AppLink to={`/sociale-kaart/loketten/${door.id}`}>
            {door.name} bewerken
          </AppLink>
        </Paragraph>
      )}
    </article>
  );
}

/** The sociale kaart: every active door, searchable; a coordinator also maintains "Mijn loketten". */
export default function SocialeKaartPage() {
  usePageTitle('Sociale kaart');
  const me = useMe();
  const maintainer = hasRole(me, DOOR_MAINTAINER_ROLES);
  const [topic, setTopic] = useState('');
  const [gemeente, setGemeente] = useState('');
  const [search, setSearch] = useState('');
  const { data, loading, error } = useQuery(DoorsDocument, {
    variables: { filter: { topic: (topic || null) as ReferralTopic | null, gemeentecode: gemeente || null } },
  });
  const mine = useQuery(DoorsDocument, { variables: { filter: { mine: true } }, skip: !maintainer });
  const doors = useMemo(() => {
    const wanted = search.trim().toLowerCase();
    return (data?.doors ?? []).filter((d) => !wanted || [d.name, d.description, d.organisationName, topicsInWords(d.topics)].some((t) => t.toLowerCase().includes(wanted)));
  }, [data, search]);

  return (
    <>
      <Heading1>Sociale kaart</Heading1>
      <Paragraph>Welke loketten er zijn, waarvoor, voor welke gemeenten, hoe u ze bereikt en hoe snel zij reageren.</Paragraph>
      {maintainer && (
        <section aria-labelledby="kop-mijn-loketten">
          <Heading2 id="kop-mijn-loketten">Mijn loketten</Heading2>
          <Paragraph>
            <AppLink to="/sociale-kaart/loketten/nieuw">
              Nieuw loket toevoegen
            </AppLink>
          </Paragraph>
          {(mine.data?.doors ?? []).length === 0 ? (
            <Paragraph>Uw organisatie heeft nog geen loketten.</Paragraph>
          ) : (
            <ul>
              {(mine.data?.doors ?? []).map((d) => (
                <li key={d.id}>
                  <AppLink to={`/sociale-kaart/loketten/${d.id}`}>
                    {d.name}
                  </AppLink>{' '}
                  <span className="schakel-muted">
                    (versie {d.version}
                    {d.active ? '' : ', niet actief'})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section aria-labelledby="kop-zoeken">
        <Heading2 id="kop-zoeken">Zoeken</Heading2>
        <SelectField id="kaart-onderwerp" label="Onderwerp" value={topic} onChange={setTopic} options={optionsOf(TOPIC_LABEL)} placeholder="Alle onderwerpen" />
        <SelectField
          id="kaart-gemeente"
          label="Gemeente"
          value={gemeente}
          onChange={setGemeente}
          options={KNOWN_GEMEENTEN.map((g) => ({ value: g.code, label: gemeenteName(g.code) }))}
          placeholder="Alle gemeenten"
        />
        <FormField className="schakel-field">
          <FormLabel htmlFor="kaart-zoek">Zoekwoorden</FormLabel>
          <Textbox id="kaart-zoek" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
        </FormField>
      </section>
      <section aria-labelledby="kop-loketten" aria-busy={loading || undefined}>
        <Heading2 id="kop-loketten">Loketten ({doors.length})</Heading2>
        {error && <Paragraph role="alert">De sociale kaart kon niet worden geladen. Probeer het opnieuw.</Paragraph>}
        {!loading && doors.length === 0 && <Paragraph>Geen loketten gevonden.</Paragraph>}
        {doors.map((d) => (
          <DoorCard key={d.id} door={d} editable={maintainer && d.organisationId === me.organisation.id} />
        ))}
      </section>
    </>
  );
}
