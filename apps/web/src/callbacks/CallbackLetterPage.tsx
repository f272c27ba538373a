import { useApolloClient, useQuery } from '@apollo/client/react';
import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { CallbackLetterDocument } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { useAnnounce } from '../ui/announcer';
import { usePageTitle } from '../ui/page';
import { CallbackLetterView } from './CallbackLetterView';
import { downloadCallbackLetterPdf } from './downloads';
import './callbacks.css';

/** The afsprakenbriefje on its own page, to print for the citizen (menu and buttons are not printed). */
export default function CallbackLetterPage() {
  const { id = '' } = useParams();
  usePageTitle('Afsprakenbriefje');
  const client = useApolloClient();
  const announce = useAnnounce();
  const { data, error } = useQuery(CallbackLetterDocument, { variables: { bookingId: id } });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (error && !data) {
    return (
      <>
        <Heading1>Afsprakenbriefje</Heading1>
        <Alert type="error" role="alert">
          <Paragraph>{userFacingErrors(error)[0]?.message}</Paragraph>
        </Alert>
      </>
    );
  }
  if (!data) {
    return (
      <>
        <Heading1>Afsprakenbriefje</Heading1>
        <Paragraph role="status">Laden…</Paragraph>
      </>
    );
  }
  const letter = data.callbackLetter;

  async function downloadPdf() {
    setBusy(true);
    setProblem(null);
    try {
      await downloadCallbackLetterPdf(client, letter.bookingId, letter.reference);
      announce('Het afsprakenbriefje is gedownload als PDF.');
    } catch (err) {
      setProblem(userFacingErrors(err)[0]?.message ?? 'De PDF kon niet worden gemaakt.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="schakel-no-print schakel-actions">
        <Button appearance="primary-action-button" type="button" onClick={() => window.print()}>
          Afdrukken
        </Button>{' '}
        <Button appearance="secondary-action-button" type="button" busy={busy} onClick={() => void downloadPdf()}>
          PDF downloaden
        </Button>
        {problem && (
          <Alert type="error" role="alert">
            <Paragraph>{problem}</Paragraph>
          </Alert>
        )}
      </div>
      <Heading1>{letter.title}</Heading1>
      <CallbackLetterView letter={letter} level={2} />
    </>
  );
}
