import { useQuery } from '@apollo/client/react';
import {
  ButtonGroup,
  Heading1,
  Paragraph,
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { ActionListsDocument, type ActionListVersionStatus } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { hasRole, useMe } from '../app/me';
import { AppLink } from '../ui/AppLink';
import { ButtonLink } from './ButtonLink';
import { fullDate, shortDay } from '../ui/format';
import { ACTION_LIST_STATUS_LABEL, SIGNATURE_INTENT_LABEL } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import { DRAFT_ROLES, SIGN_ROLES } from './roles';

export function statusTone(status: ActionListVersionStatus): 'success' | 'danger' | 'warning' | 'neutral' {
  if (status === 'FINAL') return 'success';
  if (status === 'DECLINED') return 'danger';
  if (status === 'OPEN_FOR_SIGNING') return 'warning';
  return 'neutral';
}

/** The action lists my organisation is a party to, with where each stands. */
export default function ActionListsPage() {
  usePageTitle('Actielijsten');
  const me = useMe();
  const { data, loading, error } = useQuery(ActionListsDocument, { fetchPolicy: 'cache-and-network' });
  const lists = data?.actionLists ?? [];

  return (
    <>
      <Heading1>Actielijsten</Heading1>
      <Paragraph>
        Afspraken tussen organisaties over warm doorverwijzen. Elke partij ondertekent. Pas als alle partijen hebben ondertekend, is een lijst definitief en gelden de afspraken.
      </Paragraph>
      <ButtonGroup>
        {hasRole(me, DRAFT_ROLES) && (
          <ButtonLink to="/actielijsten/nieuw" appearance="primary-action-button">
            Nieuwe actielijst
          </ButtonLink>
        )}
        {hasRole(me, SIGN_ROLES) && <AppLink to="/actielijsten/sleutels">Mijn ondertekensleutels</AppLink>}
      </ButtonGroup>
      {error && !data && (
        <Paragraph role="alert" className="schakel-error-text">
          {userFacingErrors(error)[0]?.message}
        </Paragraph>
      )}
      <div className="schakel-table-scroll" tabIndex={0} role="region" aria-labelledby="actielijsten-titel">
        <Table className="schakel-table">
          <TableCaption id="actielijsten-titel">
            Actielijsten waarin {me.organisation.name} partij is: {lists.length === 0 ? 'geen' : lists.length}
          </TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Titel</TableHeaderCell>
              <TableHeaderCell scope="col">Versie</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
              <TableHeaderCell scope="col">Partijen</TableHeaderCell>
              <TableHeaderCell scope="col">Gemaakt</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {lists.map((l) => (
              <TableRow key={l.id} data-list-id={l.id} data-status={l.latestVersion.status}>
                <TableCell>
                  <AppLink to={`/actielijsten/${l.id}`}>{l.title}</AppLink>
                </TableCell>
                <TableCell>
                  {l.latestVersion.version}
                  {l.finalVersion && l.finalVersion.version !== l.latestVersion.version && (
                    <span className="schakel-muted"> (versie {l.finalVersion.version} geldt)</span>
                  )}
                </TableCell>
                <TableCell>
                  <StatusBadge status={statusTone(l.latestVersion.status)}>{ACTION_LIST_STATUS_LABEL[l.latestVersion.status]}</StatusBadge>
                </TableCell>
                <TableCell>
                  <ul className="schakel-plain-list">
                    {l.latestVersion.parties.map((p) => (
                      <li key={p.organisationId}>
                        {p.name}: {p.signed ? SIGNATURE_INTENT_LABEL[p.signed].toLowerCase() : <span className="schakel-muted">nog niet ondertekend</span>}
                      </li>
                    ))}
                  </ul>
                </TableCell>
                <TableCell>
                  <time dateTime={l.createdAt} title={fullDate(l.createdAt)}>
                    {shortDay(l.createdAt)}
                  </time>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {!loading && lists.length === 0 && <Paragraph>Er zijn nog geen actielijsten waarin uw organisatie partij is.</Paragraph>}
    </>
  );
}
