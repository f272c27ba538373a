import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Button, ButtonGroup, DataList, DataListItem, DataListKey, DataListValue, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { DeclineActionListDocument, SignActionListDocument, SigningStatementDocument, type ActionListVersionDetailFragment, type SignatureIntent } from '../api/generated';
import { hasCode, userFacingErrors } from '../api/errors';
import { useMe } from '../app/me';
import { useAnnounce } from '../ui/announcer';
import { TextAreaField } from '../ui/fields';
import { fullDate } from '../ui/format';
import { fingerprint } from './present';
import { signStatement, type SignatureStatement } from './signing-core';
import { useSigningKey } from './useSigningKey';

/** The server accepts a statement up to 5 minutes old; fetch a fresh one a little before that. */
const STATEMENT_MAX_AGE_MS = 4 * 60_000;

interface Prepared {
  intent: SignatureIntent;
  statementJson: string;
  statement: SignatureStatement;
  fetchedAt: number;
}

const STALE = 'Deze versie is intussen veranderd: iemand anders ondertekende of wees af, of er is een nieuwe versie. Hieronder ziet u de nieuwe stand.';

/**
 * Ondertekenen: with the key this browser holds for me (made here on first use), over exactly the
 * statement the API will check, shown in full before signing. Declining is a signed statement too.
 */
export function SignPanel({ version, onChanged }: { version: ActionListVersionDetailFragment; onChanged: () => Promise<unknown> }) {
  const me = useMe();
  const client = useApolloClient();
  const announce = useAnnounce();
  const key = useSigningKey(me.id);
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sign] = useMutation(SignActionListDocument);
  const [decline] = useMutation(DeclineActionListDocument);
  const shownStatement = prepared?.statementJson;

  // The statement replaces the buttons: take focus to its heading, so it is read first.
  useEffect(() => {
    if (shownStatement) document.getElementById('verklaring-titel')?.focus();
  }, [shownStatement]);

  async function createKey() {
    setBusy(true);
    setProblem(null);
    try {
      await key.create();
      announce('Uw ondertekensleutel is gemaakt en geregistreerd.');
    } catch (err) {
      setProblem(err instanceof Error && !('errors' in err) ? 'Deze browser kon geen sleutel maken. Probeer een andere, recente browser.' : (userFacingErrors(err)[0]?.message ?? null));
    } finally {
      setBusy(false);
    }
  }

  async function prepare(intent: SignatureIntent) {
    const k = key.usable;
    if (!k) return;
    if (intent === 'DECLINE' && reason.trim() === '') {
      setReasonError('Schrijf op waarom u afwijst. De reden wordt mee ondertekend.');
      document.getElementById('afwijzen-reden')?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await client.query({
        query: SigningStatementDocument,
        variables: { versionId: version.id, intent, kid: k.kid, reason: intent === 'DECLINE' ? reason.trim() : null },
        fetchPolicy: 'network-only',
      });
      if (!data) throw new Error('geen verklaring');
      const statement = JSON.parse(data.signingStatement.statementJson) as SignatureStatement;
      // What is signed must be the content shown on this page: the same fingerprint.
      if (statement.contentHash !== version.contentHash || data.signingStatement.contentHash !== version.contentHash) {
        setProblem(STALE);
        await onChanged();
        return;
      }
      setPrepared({ intent, statementJson: data.signingStatement.statementJson, statement, fetchedAt: Date.now() });
    } catch (err) {
      setProblem(userFacingErrors(err)[0]?.message ?? null);
      if (hasCode(err, 'CONFLICT')) await onChanged();
    } finally {
      setBusy(false);
    }
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    const k = key.usable;
    if (!prepared || !k) return;
    if (Date.now() - prepared.fetchedAt > STATEMENT_MAX_AGE_MS) {
      announce('De verklaring was verlopen. Hier is een nieuwe; controleer haar en onderteken opnieuw.');
      await prepare(prepared.intent);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const jws = await signStatement(prepared.statement, k.keyPair.privateKey, k.alg);
      if (prepared.intent === 'APPROVE') {
        const result = await sign({ variables: { versionId: version.id, statement: prepared.statementJson, jws } });
        announce(result.data?.signActionList.status === 'FINAL' ? 'Ondertekend. Alle partijen hebben getekend: de lijst is definitief.' : 'Ondertekend.');
      } else {
        await decline({ variables: { versionId: version.id, statement: prepared.statementJson, jws, reason: prepared.statement.reason ?? reason.trim() } });
        announce('Afgewezen. Deze versie is beëindigd.');
      }
      setPrepared(null);
      await onChanged();
    } catch (err) {
      setProblem(hasCode(err, 'CONFLICT') ? STALE : (userFacingErrors(err)[0]?.message ?? null));
      if (hasCode(err, 'CONFLICT')) {
        setPrepared(null);
        await onChanged();
      }
    } finally {
      setBusy(false);
    }
  }

  const s = prepared?.statement;
  return (
    <section aria-labelledby="ondertekenen-titel" className="schakel-form__section" data-testid="sign-panel">
      <Heading2 id="ondertekenen-titel">Ondertekenen</Heading2>
      {problem && (
        <Alert type="error" role="alert">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      )}
      {key.loading ? (
        <Paragraph role="status">Uw sleutel wordt gezocht…</Paragraph>
      ) : !key.usable ? (
        <>
          <Paragraph>
            U ondertekent met een eigen sleutel. Die maakt deze browser nu voor u. Het geheime deel blijft in deze browser en kan niet worden gekopieerd. Schakel krijgt alleen het publieke deel, zodat iedereen uw handtekening kan controleren.
          </Paragraph>
          {key.browserKey && <Paragraph>De sleutel die deze browser had, is ingetrokken of niet meer bekend bij Schakel. Maak een nieuwe.</Paragraph>}
          <Button appearance="primary-action-button" type="button" busy={busy} onClick={() => void createKey()}>
            Sleutel maken in deze browser
          </Button>
        </>
      ) : !prepared ? (
        <>
          <Paragraph>
            U ondertekent namens {me.organisation.name} de inhoud hierboven, met vingerafdruk <code className="schakel-hash">{fingerprint(version.contentHash)}</code>. Eerst ziet u precies wat u ondertekent.
          </Paragraph>
          <Paragraph className="schakel-muted">Uw sleutel in deze browser: {fingerprint(key.usable.kid)}</Paragraph>
          {!declining ? (
            <ButtonGroup>
              <Button appearance="primary-action-button" type="button" busy={busy} onClick={() => void prepare('APPROVE')}>
                Bekijk wat u ondertekent
              </Button>
              <Button appearance="secondary-action-button" type="button" onClick={() => setDeclining(true)}>
                Afwijzen
              </Button>
            </ButtonGroup>
          ) : (
            <form
              noValidate
              className="schakel-inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void prepare('DECLINE');
              }}
            >
              <TextAreaField
                id="afwijzen-reden"
                label="Waarom wijst u deze versie af?"
                description="De reden wordt mee ondertekend. De andere partijen lezen haar."
                required
                rows={3}
                value={reason}
                onChange={(v) => {
                  setReason(v);
                  setReasonError(undefined);
                }}
                error={reasonError}
                maxLength={2000}
              />
              <ButtonGroup>
                <Button appearance="primary-action-button" type="submit" busy={busy}>
                  Bekijk wat u ondertekent
                </Button>
                <Button appearance="secondary-action-button" type="button" onClick={() => setDeclining(false)}>
                  Annuleren
                </Button>
              </ButtonGroup>
            </form>
          )}
        </>
      ) : (
        <form noValidate onSubmit={(e) => void confirm(e)} className="schakel-inline-form">
          <Heading3 id="verklaring-titel" tabIndex={-1}>
            {prepared.intent === 'APPROVE' ? 'Dit ondertekent u' : 'Deze afwijzing ondertekent u'}
          </Heading3>
          {s && (
            <DataList className="schakel-datalist" data-testid="statement">
              <DataListItem>
                <DataListKey>Besluit</DataListKey>
                <DataListValue>{s.intent === 'APPROVE' ? 'Akkoord: ik onderteken deze versie' : 'Niet akkoord: ik wijs deze versie af'}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>Versie</DataListKey>
                <DataListValue>{s.version}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>Vingerafdruk van de inhoud</DataListKey>
                <DataListValue>
                  <code className="schakel-hash" data-testid="statement-hash">
                    {fingerprint(s.contentHash)}
                  </code>
                </DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>Namens</DataListKey>
                <DataListValue>
                  {me.organisation.name} (OIN {s.signer.organisationOin}), door {me.name}
                </DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>Met sleutel</DataListKey>
                <DataListValue>
                  <code className="schakel-hash">{fingerprint(s.signer.kid)}</code>
                </DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>Tijdstip</DataListKey>
                <DataListValue>
                  <time dateTime={s.signedAt}>{fullDate(s.signedAt)}</time>
                </DataListValue>
              </DataListItem>
              {s.reason && (
                <DataListItem>
                  <DataListKey>Reden</DataListKey>
                  <DataListValue>{s.reason}</DataListValue>
                </DataListItem>
              )}
            </DataList>
          )}
          <details>
            <summary>De verklaring precies zoals ze wordt ondertekend (JSON)</summary>
            <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{prepared.statementJson}</pre>
          </details>
          <ButtonGroup>
            <Button appearance="primary-action-button" type="submit" busy={busy}>
              {prepared.intent === 'APPROVE' ? 'Nu ondertekenen' : 'Afwijzing ondertekenen'}
            </Button>
            <Button appearance="secondary-action-button" type="button" onClick={() => setPrepared(null)}>
              Annuleren
            </Button>
          </ButtonGroup>
        </form>
      )}
    </section>
  );
}
