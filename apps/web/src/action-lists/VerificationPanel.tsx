import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
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
import { ActionListEvidenceDocument, ActionListPdfDocument, VerifyActionListDocument, type ActionListVersionDetailFragment } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { useAnnounce } from '../ui/announcer';
import { dayAndTime, fullDate } from '../ui/format';
import { SIGNATURE_INTENT_LABEL, SIGNING_KEY_STATUS_LABEL } from '../ui/labels';
import { base64ToBytes, download, fingerprint, organisationName } from './present';

function YesNo({ value, testId }: { value: boolean; testId?: string }) {
  return (
    <span data-testid={testId} data-ok={value}>
      <span aria-hidden="true">{value ? '✓ ' : '✗ '}</span>
      {value ? 'Ja' : 'Nee'}
    </span>
  );
}

/**
 * What Schakel's own check says about a version (content hash recomputed, every signature against
 * its key and the log), and the files to check it without Schakel: the evidence bundle and a PDF.
 */
export function VerificationPanel({ version }: { version: ActionListVersionDetailFragment }) {
  const client = useApolloClient();
  const announce = useAnnounce();
  const { data, error, loading, refetch } = useQuery(VerifyActionListDocument, { variables: { versionId: version.id }, fetchPolicy: 'network-only' });
  const [downloadProblem, setDownloadProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'bundle' | 'pdf' | null>(null);
  const v = data?.verifyActionList;
  const base = `actielijst-${version.listId.slice(0, 8)}-versie-${version.version}`;

  async function downloadBundle() {
    setBusy('bundle');
    setDownloadProblem(null);
    try {
      const result = await client.query({ query: ActionListEvidenceDocument, variables: { versionId: version.id }, fetchPolicy: 'network-only' });
      if (!result.data) throw new Error('leeg');
      download(`${base}.json`, result.data.actionListEvidence, 'application/json');
      announce('Het bewijspakket is gedownload.');
    } catch (err) {
      setDownloadProblem(userFacingErrors(err)[0]?.message ?? null);
    } finally {
      setBusy(null);
    }
  }

  async function downloadPdf() {
    setBusy('pdf');
    setDownloadProblem(null);
    try {
      const result = await client.query({ query: ActionListPdfDocument, variables: { versionId: version.id }, fetchPolicy: 'network-only' });
      if (!result.data) throw new Error('leeg');
      download(`${base}.pdf`, base64ToBytes(result.data.actionListPdf), 'application/pdf');
      announce('De PDF is gedownload.');
    } catch (err) {
      setDownloadProblem(userFacingErrors(err)[0]?.message ?? null);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="controle-titel" data-testid="verification">
      <Heading2 id="controle-titel">Controle</Heading2>
      {error && !v && (
        <Alert type="error" role="alert">
          <Paragraph>{userFacingErrors(error)[0]?.message}</Paragraph>
        </Alert>
      )}
      {loading && !v && <Paragraph role="status">Bezig met controleren…</Paragraph>}
      {v && (
        <>
          <Alert type={v.ok ? 'ok' : 'error'}>
            <Paragraph data-testid="verification-result" data-ok={v.ok}>
              {v.ok
                ? 'Alles klopt: de inhoud is niet veranderd, elke handtekening hoort bij deze inhoud en bij een geldige sleutel, en staat in het transparantielog.'
                : 'Er klopt iets niet. Hieronder ziet u wat.'}
            </Paragraph>
          </Alert>
          <DataList className="schakel-datalist">
            <DataListItem>
              <DataListKey>Vastgelegde vingerafdruk</DataListKey>
              <DataListValue>
                <code>{fingerprint(v.storedContentHash)}</code>
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>Opnieuw berekend</DataListKey>
              <DataListValue>
                <code>{fingerprint(v.recomputedContentHash)}</code>
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>Gelijk</DataListKey>
              <DataListValue>
                <YesNo value={v.contentHashMatches} testId="hash-matches" />
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>Controlepunt van het log</DataListKey>
              <DataListValue>
                {v.checkpointTreeSize !== null ? `${v.checkpointTreeSize} vermeldingen` : 'nog geen'}, handtekening van Schakel klopt: <YesNo value={v.checkpointSignatureValid} />
              </DataListValue>
            </DataListItem>
          </DataList>
          {v.signatures.length > 0 && (
            <div className="schakel-table-scroll" tabIndex={0} role="region" aria-labelledby="controle-handtekeningen">
              <Table className="schakel-table">
                <TableCaption id="controle-handtekeningen">Elke handtekening gecontroleerd</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                    <TableHeaderCell scope="col">Besluit</TableHeaderCell>
                    <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
                    <TableHeaderCell scope="col">Handtekening klopt</TableHeaderCell>
                    <TableHeaderCell scope="col">Sleutel toen</TableHeaderCell>
                    <TableHeaderCell scope="col">Plaats in log</TableHeaderCell>
                    <TableHeaderCell scope="col">In log aangetoond</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {v.signatures.map((s) => (
                    <TableRow key={`${s.kid}-${s.logIndex}`} data-testid="verified-signature">
                      <TableCell>
                        {organisationName(version, s.organisationId)}
                        {s.problem && <div className="schakel-error-text">{s.problem}</div>}
                      </TableCell>
                      <TableCell>{SIGNATURE_INTENT_LABEL[s.intent]}</TableCell>
                      <TableCell>
                        <time dateTime={s.signedAt} title={fullDate(s.signedAt)}>
                          {dayAndTime(s.signedAt)}
                        </time>
                      </TableCell>
                      <TableCell>
                        <YesNo value={s.valid} testId="signature-valid" />
                      </TableCell>
                      <TableCell>{SIGNING_KEY_STATUS_LABEL[s.keyStatusAtSigning]}</TableCell>
                      <TableCell>{s.logIndex}</TableCell>
                      <TableCell>
                        <YesNo value={s.inclusionVerified} testId="inclusion-verified" />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </>
      )}
      <ButtonGroup>
        <Button appearance="secondary-action-button" type="button" busy={loading} onClick={() => void refetch()}>
          Opnieuw controleren
        </Button>
      </ButtonGroup>

      <Heading2 id="downloads-titel">Zelf controleren en bewaren</Heading2>
      <Paragraph>
        Met het bewijspakket controleert iedereen deze versie zonder Schakel te hoeven vertrouwen. Sla het op als bundle.json en voer uit: <code>npx schakel-verify bundle.json</code>. Dat werkt zonder internet en zegt in gewone taal wat klopt.
      </Paragraph>
      {downloadProblem && (
        <Alert type="error" role="alert">
          <Paragraph>{downloadProblem}</Paragraph>
        </Alert>
      )}
      <ButtonGroup>
        <Button appearance="secondary-action-button" type="button" busy={busy === 'bundle'} onClick={() => void downloadBundle()}>
          Bewijspakket downloaden (JSON)
        </Button>
        <Button appearance="secondary-action-button" type="button" busy={busy === 'pdf'} onClick={() => void downloadPdf()}>
          PDF downloaden
        </Button>
      </ButtonGroup>
    </section>
  );
}
