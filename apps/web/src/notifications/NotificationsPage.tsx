import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { MarkNotificationsReadDocument, NotificationsDocument, UnreadCountDocument } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { useAnnounce } from '../ui/announcer';
import { AppLink } from '../ui/AppLink';
import { CheckboxField } from '../ui/fields';
import { ago, fullDate } from '../ui/format';
import { usePageTitle } from '../ui/page';
import { Pager, useCursorPages } from '../ui/pager';

const PAGE_SIZE = 25;

/** Meldingen: what happened to your referrals and what needs you. New ones arrive live. */
export default function NotificationsPage() {
  usePageTitle('Meldingen');
  const announce = useAnnounce();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const pages = useCursorPages();
  const { data, error, refetch } = useQuery(NotificationsDocument, {
    variables: { first: PAGE_SIZE, after: pages.after, unreadOnly },
    fetchPolicy: 'cache-and-network',
  });
  const [markRead, { loading }] = useMutation(MarkNotificationsReadDocument, { refetchQueries: [UnreadCountDocument] });

  const items = data?.notifications.edges.map((e) => e.node) ?? [];
  const unreadHere = items.filter((n) => !n.read).map((n) => n.id);

  async function mark(ids: string[]) {
    if (ids.length === 0) return;
    await markRead({ variables: { ids } });
    announce(ids.length === 1 ? 'Melding gelezen.' : `${ids.length} meldingen gelezen.`);
    await refetch();
  }

  return (
    <>
      <Heading1>Meldingen</Heading1>
      <Paragraph>
        {data ? (data.notifications.unreadCount === 0 ? 'U heeft geen ongelezen meldingen.' : `U heeft ${data.notifications.unreadCount} ongelezen melding${data.notifications.unreadCount === 1 ? '' : 'en'}.`) : 'Laden…'}
      </Paragraph>
      <div className="schakel-filters">
        <CheckboxField
          id="alleen-ongelezen"
          label="Alleen ongelezen"
          checked={unreadOnly}
          onChange={(v) => {
            setUnreadOnly(v);
            pages.reset();
          }}
        />
        {unreadHere.length > 0 && (
          <Button appearance="secondary-action-button" type="button" busy={loading} onClick={() => void mark(unreadHere)}>
            Alles op deze pagina gelezen
          </Button>
        )}
      </div>
      {error && !data && (
        <Paragraph role="alert" className="schakel-error-text">
          {userFacingErrors(error)[0]?.message}
        </Paragraph>
      )}
      <ul className="schakel-notifications" aria-label="Meldingen">
        {items.map((n) => (
          <li key={n.id} className={n.read ? 'schakel-notification' : 'schakel-notification schakel-notification--unread'} data-type={n.type}>
            <p>
              {!n.read && <strong>Nieuw: </strong>}
              {n.referralId ? <AppLink to={`/doorverwijzingen/${n.referralId}`}>{n.message}</AppLink> : n.message}
            </p>
            <p className="schakel-muted">
              <time dateTime={n.createdAt} title={fullDate(n.createdAt)}>
                {ago(n.createdAt)}
              </time>
              {!n.read && (
                <>
                  {' · '}
                  <Button appearance="subtle-button" type="button" onClick={() => void mark([n.id])}>
                    Gelezen<span className="schakel-visually-hidden">: {n.message}</span>
                  </Button>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
      {data && items.length === 0 && <Paragraph>Geen meldingen.</Paragraph>}
      <Pager pages={pages} pageInfo={data?.notifications.pageInfo} />
    </>
  );
}
