import { useMutation } from '@apollo/client/react';
import {
  Alert,
  Button,
  ButtonGroup,
  Heading1,
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
import { RevokeSigningKeyDocument, type SigningKeyRowFragment } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { useMe } from '../app/me';
import { useAnnounce } from '../ui/announcer';
import { AppLink } from '../ui/AppLink';
import { dayAndTime, fullDate } from '../ui/format';
import { usePageTitle } from '../ui/page';
import { fingerprint } from './present';
import { useSigningKey } from './useSigningKey';

function kind(key: SigningKeyRowFragment): string {
  try {
    const jwk = JSON.parse(key.publicJwk) as { kty?: string; crv?: string };
    return jwk.crv === 'Ed25519' ? 'Ed25519' : jwk.crv === 'P-256' ? 'P-256 (ECDSA)' : 'onbekend';
  } catch {
    return 'onbekend';
  }
}

function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={fullDate(iso)}>
      {dayAndTime(iso)}
    </time>
  );
}

/** My signing keys: which one this browser holds, make one, revoke one. */
export default function SigningKeysPage() {
  usePageTitle('Mijn ondertekensleutels');
  const me = useMe();
  const announce = useAnnounce();
  const key = useSigningKey(me.id);
  const [revoke] = useMutation(RevokeSigningKeyDocument);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function create() {
    setBusy(true);
    setProblem(null);
    try {
      await key.create();
      announce('Nieuwe sleutel gemaakt en geregistreerd.');
    } catch (err) {
      setProblem(userFacingErrors(err)[0]?.message ?? 'Deze browser kon geen sleutel maken.');
    } finally {
      setBusy(false);
    }
  }

  async function doRevoke(kid: string) {
    setBusy(true);
    setProblem(null);
    try {
      await revoke({ variables: { kid } });
      await key.forgetIfRevoked(kid);
      await key.refetch();
      setConfirming(null);
      announce('Sleutel ingetrokken.');
      window.setTimeout(() => document.querySelector<HTMLElement>('h1')?.focus(), 0);
    } catch (err) {
      setProblem(userFacingErrors(err)[0]?.message ?? null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Heading1>Mijn ondertekensleutels</Heading1>
      <Paragraph>
        Met een sleutel ondertekent u actielijsten. Het geheime deel blijft in de browser waarin u de sleutel maakte; Schakel kent alleen het publieke deel. Trek een sleutel in als u de computer niet meer gebruikt of denkt dat een ander erbij kan.
        Handtekeningen van vóór het intrekken blijven geldig en controleerbaar.
      </Paragraph>
      {problem && (
        <Alert type="error" role="alert">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      )}
      {!key.loading && !key.usable && (
        <Paragraph>
          <Button appearance="primary-action-button" type="button" busy={busy} onClick={() => void create()}>
            Sleutel maken in deze browser
          </Button>
        </Paragraph>
      )}
      <div className="schakel-table-scroll" tabIndex={0} role="region" aria-labelledby="sleutels-titel">
        <Table className="schakel-table">
          <TableCaption id="sleutels-titel">Uw sleutels: {key.serverKeys.length === 0 ? 'geen' : key.serverKeys.length}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Vingerafdruk</TableHeaderCell>
              <TableHeaderCell scope="col">Soort</TableHeaderCell>
              <TableHeaderCell scope="col">Geldig vanaf</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
              <TableHeaderCell scope="col">Actie</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {key.serverKeys.map((k) => (
              <TableRow key={k.kid} data-kid={k.kid}>
                <TableCell>
                  <code>{fingerprint(k.kid)}</code>
                  {key.browserKey?.kid === k.kid && <div className="schakel-muted">In deze browser</div>}
                </TableCell>
                <TableCell>{kind(k)}</TableCell>
                <TableCell>
                  <When iso={k.validFrom} />
                </TableCell>
                <TableCell>
                  {k.revokedAt ? (
                    <>
                      Ingetrokken op <When iso={k.revokedAt} />
                    </>
                  ) : (
                    'Geldig'
                  )}
                </TableCell>
                <TableCell>
                  {!k.revokedAt &&
                    (confirming === k.kid ? (
                      <div role="group" aria-label="Intrekken bevestigen">
                        <Paragraph>Weet u het zeker? Met deze sleutel kunt u daarna niet meer ondertekenen.</Paragraph>
                        <ButtonGroup>
                          <Button appearance="primary-action-button" type="button" busy={busy} onClick={() => void doRevoke(k.kid)}>
                            Ja, intrekken
                          </Button>
                          <Button appearance="secondary-action-button" type="button" onClick={() => setConfirming(null)}>
                            Nee
                          </Button>
                        </ButtonGroup>
                      </div>
                    ) : (
                      <Button appearance="secondary-action-button" type="button" onClick={() => setConfirming(k.kid)}>
                        Intrekken<span className="schakel-visually-hidden"> (sleutel {k.kid.slice(0, 8)})</span>
                      </Button>
                    ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Paragraph>
        <AppLink to="/actielijsten">Terug naar de actielijsten</AppLink>
      </Paragraph>
    </>
  );
}
