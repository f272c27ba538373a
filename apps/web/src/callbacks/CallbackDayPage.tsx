import { useQuery } from '@apollo/client/react';
import { Alert, FormField, FormLabel, Heading1, Heading2, Paragraph, StatusBadge, Textbox } from '@utrecht/component-library-react';
import { useState } from 'react';
import { CallbackDayDocument, CallbackDoorsDocument } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { hasRole, useMe } from '../app/me';
import { AppLink } from '../ui/AppLink';
import { CALLBACK_STATUS_LABEL, PART_OF_DAY_LABEL, STATUS_LABEL, TOPIC_LABEL } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import './callbacks.css';

const longDay = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Today's date in Dutch time, as YYYY-MM-DD. */
function todayInNl(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

/** The receiver's callbacks of one day, by time, each linked to its case. Coordinators also reach the capacity of their doors. */
export default function CallbackDayPage() {
  usePageTitle('Terugbellen');
  const me = useMe();
  const [date, setDate] = useState(todayInNl);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const { data, error, loading } = useQuery(CallbackDayDocument, { variables: { date }, skip: !valid, fetchPolicy: 'cache-and-network' });
  const isCoordinator = hasRole(me, ['COORDINATOR']);
  const { data: doors } = useQuery(CallbackDoorsDocument, { variables: { organisationId: me.organisation.id }, skip: !isCoordinator });
  const entries = data?.callbackDay ?? [];

  return (
    <>
      <Heading1>Terugbellen</Heading1>
      <Paragraph>Hier ziet u welke inwoners uw organisatie op een dag moet terugbellen. De balie van de verwijzer heeft die afspraak met de inwoner gemaakt.</Paragraph>
      <FormField className="schakel-field">
        <FormLabel htmlFor="dag">Dag</FormLabel>
        <Textbox id="dag" name="dag" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </FormField>
      <Heading2 id="dag-titel">{valid ? `Afspraken op ${longDay.format(new Date(`${date}T00:00:00Z`))}` : 'Afspraken'}</Heading2>
      {error && (
        <Alert type="error" role="alert">
          <Paragraph>{userFacingErrors(error)[0]?.message}</Paragraph>
        </Alert>
      )}
      {loading && !data && <Paragraph role="status">Laden…</Paragraph>}
      {data && entries.length === 0 && <Paragraph>Geen terugbelafspraken op deze dag.</Paragraph>}
      {entries.length > 0 && (
        <div className="schakel-table-scroll" tabIndex={0} role="region" aria-labelledby="dag-titel">
          <table className="schakel-table schakel-callback-table" data-testid="terugbel-dag">
            <caption className="schakel-muted">{entries.length === 1 ? '1 afspraak' : `${entries.length} afspraken`}, op tijd gesorteerd</caption>
            <thead>
              <tr>
                <th scope="col">Wanneer</th>
                <th scope="col">Loket</th>
                <th scope="col">Onderwerp</th>
                <th scope="col">Stand</th>
                <th scope="col">Doorverwijzing</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.booking.id} data-booking-id={e.booking.id}>
                  <td>{PART_OF_DAY_LABEL[e.booking.partOfDay]}</td>
                  <td>{e.doorName}</td>
                  <td>{TOPIC_LABEL[e.topic]}</td>
                  <td>
                    {e.booking.status === 'RELEASED' ? CALLBACK_STATUS_LABEL.RELEASED : STATUS_LABEL[e.handoffStatus]}
                    {e.overdue && (
                      <>
                        {' '}
                        <StatusBadge status="danger">Nog niet gebeld</StatusBadge>
                      </>
                    )}
                    <div className="schakel-muted">Kenmerk {e.booking.reference}</div>
                  </td>
                  <td>
                    <AppLink to={`/doorverwijzingen/${e.booking.referralId}`}>Open de doorverwijzing</AppLink>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isCoordinator && doors && doors.doors.length > 0 && (
        <>
          <Heading2>Capaciteit van uw loketten</Heading2>
          <ul className="utrecht-unordered-list">
            {doors.doors.map((d) => (
              <li key={d.id} className="utrecht-unordered-list__item">
                <AppLink to={`/sociale-kaart/loketten/${d.id}/terugbellen`}>Terugbelcapaciteit van {d.name}</AppLink>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
