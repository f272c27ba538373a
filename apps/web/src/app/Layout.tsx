import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { Button, NumberBadge, SkipLink } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigationType } from 'react-router';
import { NotificationAddedDocument, NotificationsDocument, UnreadCountDocument } from '../api/generated';
import { useSession } from '../auth/session';
import { useAnnounce } from '../ui/announcer';
import { ROLE_LABEL } from '../ui/labels';
import { ACTION_LIST_ROLES } from '../action-lists/roles';
import { REPORT_ROLES, STORY_WRITE_ROLES } from '../reports/roles';
import { CASE_ROLES, hasRole, RECEIVER_ROLES, useMe } from './me';
import { LiveIncoming } from '../live/LiveIncoming';
import { OnDutySwitch } from '../live/OnDutySwitch';

/** Header, main menu and the page. Meldingen arrive live and are announced. */
export function Layout() {
  const me = useMe();
  const { signOut } = useSession();
  const client = useApolloClient();
  const announce = useAnnounce();
  const location = useLocation();
  const navigationType = useNavigationType();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  const { data: unread } = useQuery(UnreadCountDocument, { fetchPolicy: 'cache-and-network' });
  const unreadCount = unread?.notifications.unreadCount ?? 0;

  useSubscription(NotificationAddedDocument, {
    onData: ({ data }) => {
      const n = data.data?.notificationAdded;
      if (!n) return;
      announce(`Nieuwe melding: ${n.message}`);
      void client.refetchQueries({ include: [UnreadCountDocument, NotificationsDocument] });
    },
  });

  // After a route change, put focus on the new page's content, as a full page load would. The
  // first page and a redirect (such as "/" to the home page after signing in) are no change the
  // user asked for: focus stays at the top, so the skip link is the first Tab stop.
  useEffect(() => {
    if (firstRender.current || navigationType === 'REPLACE') {
      firstRender.current = false;
      return;
    }
    const heading = main.current?.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    } else {
      main.current?.focus();
    }
    // Only a new pathname counts; navigationType is the kind of navigation that brought it.
  }, [location.pathname]);

  const isCase = hasRole(me, CASE_ROLES);
  const navClass = ({ isActive }: { isActive: boolean }) => `schakel-nav__link${isActive ? ' schakel-nav__link--current' : ''}`;

  return (
    <>
      <SkipLink href="#inhoud">Direct naar de inhoud</SkipLink>
      <header className="schakel-header">
        <div className="schakel-header__brand">
          <svg className="schakel-logo" aria-hidden="true" viewBox="0 0 32 16" width="32" height="16">
            <rect x="1" y="3" width="16" height="10" rx="5" fill="none" stroke="currentColor" strokeWidth="2.5" />
            <rect x="15" y="3" width="16" height="10" rx="5" fill="none" stroke="currentColor" strokeWidth="2.5" />
          </svg>
          <span className="schakel-header__name">Schakel</span>
          <span className="schakel-header__org">{me.organisation.name}</span>
        </div>
        <div className="schakel-header__user">
          <OnDutySwitch />
          <span>
            {me.name} <span className="schakel-muted">({me.roles.map((r) => ROLE_LABEL[r]).join(', ')})</span>
          </span>
          <Button appearance="secondary-action-button" type="button" onClick={() => void signOut()}>
            Afmelden
          </Button>
        </div>
      </header>
      <nav className="schakel-nav" aria-label="Hoofdmenu">
        <ul>
          {isCase && (
            <>
              {hasRole(me, RECEIVER_ROLES) && (
                <li>
                  <NavLink to="/inkomend" className={navClass}>
                    Inkomend
                  </NavLink>
                </li>
              )}
              <li>
                <NavLink to="/uitgaand" className={navClass}>
                  Uitgaand
                </NavLink>
              </li>
              <li>
                <NavLink to="/nieuw" className={navClass}>
                  Nieuwe doorverwijzing
                </NavLink>
              </li>
              <li>
                <NavLink to="/sociale-kaart" className={navClass}>
                  Sociale kaart
                </NavLink>
              </li>
              {hasRole(me, RECEIVER_ROLES) && (
                <li>
                  <NavLink to="/terugbellen" className={navClass}>
                    Terugbellen
                  </NavLink>
                </li>
              )}
              <li>
                <NavLink to="/bundels" className={navClass}>
                  Bundels
                </NavLink>
              </li>
              {!hasRole(me, RECEIVER_ROLES) && (
                <li>
                  <NavLink to="/inkomend" className={navClass}>
                    Inkomend
                  </NavLink>
                </li>
              )}
            </>
          )}
          {hasRole(me, ACTION_LIST_ROLES) && (
            <li>
              <NavLink to="/actielijsten" className={navClass}>
                Actielijsten
              </NavLink>
            </li>
          )}
          {hasRole(me, REPORT_ROLES) && (
            <li>
              <NavLink to="/rapportages" className={navClass}>
                Rapportages
              </NavLink>
            </li>
          )}
          {hasRole(me, STORY_WRITE_ROLES) && (
            <li>
              <NavLink to="/leerverhalen" className={navClass}>
                Leerverhalen
              </NavLink>
            </li>
          )}
          <li>
            <NavLink to="/meldingen" className={navClass}>
              Meldingen{' '}
              {unreadCount > 0 && (
                <NumberBadge data-testid="unread-count">
                  {unreadCount}
                  <span className="schakel-visually-hidden"> ongelezen</span>
                </NumberBadge>
              )}
            </NavLink>
          </li>
        </ul>
      </nav>
      <main id="inhoud" ref={main} className="schakel-main" tabIndex={-1}>
        <LiveIncoming />
        <Outlet />
      </main>
    </>
  );
}
