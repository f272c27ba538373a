import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { BundleDocument, CloseBundleDocument, type BundleFieldsFragment } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { AppLink } from '../ui/AppLink';
import { useAnnounce } from '../ui/announcer';
import { dayAndTime, fullDate } from '../ui/format';
import { BUNDLE_MEMBER_ROLE_LABEL, BUNDLE_STATUS_LABEL, STATUS_LABEL, TOPIC_LABEL } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import { bundleReference } from './reference';

type Part = BundleFieldsFragment['members'][number]['parts'][number];

function Deadline({ part }: { part: Part }) {
  if (part.settled) return <span className="schakel-muted">klaar</span>;
  if (!part.dueAt) return <span className="schakel-muted">geen</span>;
  return (
    <>
      <time dateTime={part.dueAt} title={fullDate(part.dueAt)}>
        uiterlijk {dayAndTime(part.dueAt)}
      </time>
      {part.overdue && <strong className="schakel-urgent"> Te laat{part.escalationLevel > 0 ? ` (escalatie ${part.escalationLevel})` : ''}</strong>}
    </>
  );
}

/** One bundle: per member the caller may see, every part's state; the regie closes it. */
export default function BundlePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created;
  const announce = useAnnounce();
  const { data, error, refetch } = useQuery(BundleDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [closeBundle, { loading: closing }] = useMutation(CloseBundleDocument);
  const [closeError, setCloseError] = useState<string | null>(null);
  const bundle = data?.bundle;
  usePageTitle('Bundel');

  if (error && !bundle) {
    return (
      <>
        <Heading1>Bundel</Heading1>
        <Paragraph role="alert">{userFacingErrors(error)[0]?.message}</Paragraph>
      </>
    );
  }
  if (!bundle) {
    return (
      <>
        <Heading1>Bundel</Heading1>
        <Paragraph role="status">Laden…</Paragraph>
      </>
    );
  }

  async function close() {
    if (!bundle || !bundle.canClose) return;
    setCloseError(null);
    try {
      await closeBundle({ variables: { id: bundle.id, expectedVersion: bundle.version } });
      announce('De bundel is gesloten.');
    } catch (e) {
      setCloseError(userFacingErrors(e)[0]?.message ?? null);
      void refetch();
    }
  }

  const parts = bundle.members.flatMap((m) => m.parts);
  return (
    <>
      <Heading1>Bundel</Heading1>
      {created && (
        <Alert type="ok">
          <Paragraph>De bundel is verstuurd. Elk onderdeel is een eigen doorverwijzing.</Paragraph>
        </Alert>
      )}
      <DataList className="schakel-datalist">
        <DataListItem>
          <DataListKey>Stand</DataListKey>
          <DataListValue>
            <span data-testid="bundle-status">{BUNDLE_STATUS_LABEL[bundle.status]}</span>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Kenmerk</DataListKey>
          <DataListValue>{bundleReference(bundle.id)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Regie</DataListKey>
          <DataListValue>{bundle.coordinatingOrganisation.name}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Gemaakt door</DataListKey>
          <DataListValue>
            {bundle.origin.name}, <time dateTime={bundle.createdAt}>{fullDate(bundle.createdAt)}</time>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Afgerond</DataListKey>
          <DataListValue>
            {parts.filter((p) => p.settled).length} van de {parts.length} onderdelen die u ziet
          </DataListValue>
        </DataListItem>
      </DataList>

      {bundle.members.map((member) => (
        <section key={member.id} aria-labelledby={`lid-${member.id}`} data-testid="bundle-member">
          <Heading2 id={`lid-${member.id}`}>
            {member.name ?? 'Naam niet meer beschikbaar'} ({BUNDLE_MEMBER_ROLE_LABEL[member.role].toLowerCase()})
          </Heading2>
          <div className="schakel-table-scroll" tabIndex={0} role="region" aria-labelledby={`tabel-${member.id}`}>
            <Table className="schakel-table">
              <TableCaption id={`tabel-${member.id}`}>Onderdelen van {member.name ?? BUNDLE_MEMBER_ROLE_LABEL[member.role].toLowerCase()}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Onderwerp</TableHeaderCell>
                  <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                  <TableHeaderCell scope="col">Termijn</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {member.parts.map((p) => (
                  <TableRow key={p.id} data-testid="bundle-part" data-status={p.status}>
                    <TableCell>{p.referralId ? <AppLink to={`/doorverwijzingen/${p.referralId}`}>{TOPIC_LABEL[p.topic]}</AppLink> : TOPIC_LABEL[p.topic]}</TableCell>
                    <TableCell>
                      {p.currentOrganisation.name}
                      {p.currentOrganisation.id !== p.receivingOrganisation.id && <span className="schakel-muted"> (doorgestuurd door {p.receivingOrganisation.name})</span>}
                    </TableCell>
                    <TableCell>{STATUS_LABEL[p.status]}</TableCell>
                    <TableCell>
                      <Deadline part={p} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </section>
      ))}

      <section aria-labelledby="kop-sluiten">
        <Heading2 id="kop-sluiten">Bundel sluiten</Heading2>
        {bundle.closeBlockedReason && <Paragraph id="sluiten-uitleg">{bundle.closeBlockedReason}</Paragraph>}
        {closeError && (
          <Paragraph role="alert" className="schakel-error-text">
            {closeError}
          </Paragraph>
        )}
        {bundle.status === 'OPEN' && (
          <Button
            appearance="primary-action-button"
            type="button"
            onClick={close}
            busy={closing}
            aria-disabled={!bundle.canClose || closing || undefined}
            aria-describedby={bundle.closeBlockedReason ? 'sluiten-uitleg' : undefined}
          >
            Bundel sluiten
          </Button>
        )}
      </section>
    </>
  );
}
