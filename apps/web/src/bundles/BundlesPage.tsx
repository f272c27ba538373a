import { useQuery } from '@apollo/client/react';
import { Heading1, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { BundlesDocument } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { hasRole, useMe } from '../app/me';
import { AppLink } from '../ui/AppLink';
import { fullDate, shortDay } from '../ui/format';
import { BUNDLE_STATUS_LABEL } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import { bundleReference } from './reference';

/** Bundles the own organisation takes part in: as the one who made it, with the regie, or as a receiver. */
export default function BundlesPage() {
  usePageTitle('Bundels');
  const me = useMe();
  const { data, error, loading } = useQuery(BundlesDocument, { variables: { filter: null }, fetchPolicy: 'cache-and-network' });
  const bundles = data?.bundles ?? [];
  return (
    <>
      <Heading1>Bundels</Heading1>
      <Paragraph>Bundels van huishoudens waarin uw organisatie meedoet. U ziet alleen de gezinsleden die toestemming gaven voor uw organisatie.</Paragraph>
      {hasRole(me, ['BALIE', 'BEHANDELAAR', 'COORDINATOR']) && (
        <Paragraph>
          <AppLink to="/bundels/nieuw">Nieuwe bundel maken</AppLink>
        </Paragraph>
      )}
      {error && !data && (
        <Paragraph role="alert" className="schakel-error-text">
          {userFacingErrors(error)[0]?.message}
        </Paragraph>
      )}
      {loading && !data && <Paragraph role="status">Laden…</Paragraph>}
      {data && (
        <div className="schakel-table-scroll" tabIndex={0} role="region" aria-labelledby="bundels-titel">
          <Table className="schakel-table">
            <TableCaption id="bundels-titel">{bundles.length === 0 ? 'Geen bundels' : `${bundles.length} bundel${bundles.length === 1 ? '' : 's'}`}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Bundel</TableHeaderCell>
                <TableHeaderCell scope="col">Regie</TableHeaderCell>
                <TableHeaderCell scope="col">Stand</TableHeaderCell>
                <TableHeaderCell scope="col">Onderdelen afgerond</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {bundles.map((b) => {
                const parts = b.members.flatMap((m) => m.parts);
                return (
                  <TableRow key={b.id} data-testid="bundle-row">
                    <TableCell>
                      <AppLink to={`/bundels/${b.id}`}>
                        Bundel {bundleReference(b.id)} van <time dateTime={b.createdAt} title={fullDate(b.createdAt)}>{shortDay(b.createdAt)}</time> ({b.origin.name})
                      </AppLink>
                    </TableCell>
                    <TableCell>{b.coordinatingOrganisation.name}</TableCell>
                    <TableCell>{BUNDLE_STATUS_LABEL[b.status]}</TableCell>
                    <TableCell>
                      {parts.filter((p) => p.settled).length} van {parts.length}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
