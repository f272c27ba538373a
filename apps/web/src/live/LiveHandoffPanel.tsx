import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import {
  CancelLiveHandoffDocument,
  LiveHandoffChangedDocument,
  LiveHandoffsOfHandoffDocument,
  OnDutyCountDocument,
  ReferralDocument,
  RequestLiveHandoffDocument,
  type LiveHandoffFieldsFragment,
  type ReferralDetailFragment,
} from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { useMe } from '../app/me';
import { useAnnounce } from '../ui/announcer';
import { LIVE_HANDOFF_STATUS_LABEL } from '../ui/labels';
import { fellBackText, pickedUpText, timeLeft } from './live-words';
import './live.css';

const OPEN_STATUSES = new Set(['REQUESTED', 'RECEIVED']);

/**
 * "Nu live overdragen" on the referral page, for the sending side while its handoff waits: how
 * many are on duty at the receiver, the request, the countdown, and then who took it over, or
 * that it fell back to a normal handoff with the ACUUT norm.
 */
export function LiveHandoffPanel({ referral }: { referral: ReferralDetailFragment }) {
  const me = useMe();
  const location = useLocation();
  const doorId = (location.state as { doorId?: string } | null)?.doorId ?? null;
  // The newest link this organisation sent.
  const handoff = [...referral.handoffs].reverse().find((h) => h.from.id === me.organisation.id);
  const { data, refetch } = useQuery(LiveHandoffsOfHandoffDocument, { variables: { handoffId: handoff?.id ?? '' }, skip: !handoff, fetchPolicy: 'cache-and-network' });
  if (!handoff) return null;
  const latest = data?.liveHandoffs[0];
  const waiting = OPEN_STATUSES.has(handoff.status);
  if (!waiting && !latest) return null;
  return <Panel key={handoff.id} handoffId={handoff.id} toOrganisationId={handoff.to.id} toOrganisationName={handoff.to.name} urgency={referral.urgency} doorId={doorId} waiting={waiting} latest={latest} refetch={() => refetch()} />;
}

function Panel(props: {
  handoffId: string;
  toOrganisationId: string;
  toOrganisationName: string;
  urgency: ReferralDetailFragment['urgency'];
  doorId: string | null;
  waiting: boolean;
  latest: LiveHandoffFieldsFragment | undefined;
  refetch: () => Promise<unknown>;
}) {
  const { handoffId, toOrganisationId, toOrganisationName, urgency, doorId, waiting, latest, refetch } = props;
  const announce = useAnnounce();
  const [error, setError] = useState<string | undefined>();
  const [now, setNow] = useState(() => Date.now());
  const key = useRef<string | null>(null);
  const requested = latest?.status === 'REQUESTED' ? latest : undefined;
  const { data: count } = useQuery(OnDutyCountDocument, { variables: { organisationId: toOrganisationId }, skip: !waiting, pollInterval: waiting && !requested ? 15000 : 0 });
  // The timeline tells every step too: the referral is read again with the live request.
  const refetchLive = { refetchQueries: [LiveHandoffsOfHandoffDocument, ReferralDocument] };
  const client = useApolloClient();
  const [request, { loading: asking }] = useMutation(RequestLiveHandoffDocument, refetchLive);
  const [cancel, { loading: cancelling }] = useMutation(CancelLiveHandoffDocument, refetchLive);

  useSubscription(LiveHandoffChangedDocument, {
    variables: { id: requested?.id ?? '' },
    skip: !requested,
    onData: ({ data: d }) => {
      const changed = d.data?.liveHandoffChanged;
      if (!changed) return;
      if (changed.status === 'PICKED_UP') announce(pickedUpText(changed));
      if (changed.status === 'FELL_BACK') announce(fellBackText(changed));
      void refetch();
      void client.refetchQueries({ include: [ReferralDocument] });
    },
  });

  // The countdown while waiting; past the time, look again until the fallback shows (a lost event changes nothing).
  useEffect(() => {
    if (!requested) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (new Date(requested.expiresAt).getTime() < Date.now()) void refetch().then(() => client.refetchQueries({ include: [ReferralDocument] }));
    }, 1000);
    return () => clearInterval(timer);
  }, [requested, refetch, client]);

  const mayAsk = urgency === 'ACUUT' || urgency === 'HOOG' || doorId !== null;

  async function ask() {
    key.current ??= crypto.randomUUID();
    try {
      const res = await request({ variables: { input: { handoffId, doorId, idempotencyKey: key.current } } });
      key.current = null;
      setError(undefined);
      if (res.data) announce(`Live verzoek verstuurd naar de dienstdoenden van ${toOrganisationName}.`);
    } catch (err) {
      setError(userFacingErrors(err)[0]?.message);
    }
  }

  async function withdraw(id: string) {
    try {
      await cancel({ variables: { id } });
      setError(undefined);
      announce('Live verzoek ingetrokken.');
    } catch (err) {
      setError(userFacingErrors(err)[0]?.message);
    }
  }

  const onDuty = count?.onDutyCount;
  return (
    <section className="schakel-live-panel" aria-labelledby="live-panel-kop" data-testid="live-panel">
      <Heading2 id="live-panel-kop">Nu live overdragen</Heading2>
      {latest?.status === 'PICKED_UP' && (
        <Alert type="ok">
          <Paragraph role="status" aria-live="polite" data-testid="live-result">
            {pickedUpText(latest)}
          </Paragraph>
        </Alert>
      )}
      {latest?.status === 'FELL_BACK' && (
        <Alert type="warning">
          <Paragraph role="status" aria-live="polite" data-testid="live-result">
            {fellBackText(latest)}
          </Paragraph>
        </Alert>
      )}
      {latest?.status === 'CANCELLED' && waiting && <Paragraph className="schakel-muted">Vorig live verzoek: {LIVE_HANDOFF_STATUS_LABEL.CANCELLED.toLowerCase()}.</Paragraph>}
      {requested && (
        <>
          <Paragraph role="status">Wachten op een dienstdoende van {toOrganisationName}… De inwoner kan blijven zitten.</Paragraph>
          <Paragraph>
            Nog <span className="schakel-live-panel__countdown">{timeLeft(requested.expiresAt, now)}</span> minuten; neemt niemand op, dan staat de overdracht als acuut bij {toOrganisationName}.
          </Paragraph>
          <Button appearance="secondary-action-button" type="button" busy={cancelling} onClick={() => void withdraw(requested.id)}>
            Live verzoek intrekken
          </Button>
        </>
      )}
      {waiting && !requested && latest?.status !== 'FELL_BACK' && (
        <>
          <Paragraph>
            {onDuty === undefined ? 'Even kijken wie er dienst heeft…' : onDuty === 1 ? `Bij ${toOrganisationName} is nu 1 medewerker dienstdoende.` : `Bij ${toOrganisationName} zijn nu ${onDuty} medewerkers dienstdoende.`}
          </Paragraph>
          {mayAsk ? (
            <div className="schakel-live-panel__actions">
              <Button appearance="primary-action-button" type="button" busy={asking} onClick={() => void ask()}>
                Nu live overdragen
              </Button>
            </div>
          ) : (
            <Paragraph className="schakel-muted">Live overdragen kan bij een acute of hoge urgentie, of bij een loket dat live overdragen toestaat.</Paragraph>
          )}
        </>
      )}
      {error && (
        <Alert type="error" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
    </section>
  );
}
