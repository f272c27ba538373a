import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { LiveHandoffRequestsDocument, OnDutyDocument, OpenLiveHandoffRequestsDocument, PickUpLiveHandoffDocument } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { hasRole, RECEIVER_ROLES, useMe } from '../app/me';
import { useAnnounce } from '../ui/announcer';
import { beep, saveSoundPreference, soundPreference } from './beep';
import { incomingText } from './live-words';
import './live.css';

/**
 * For an on-duty behandelaar or coördinator: live requests to their organisation, as they arrive
 * (subscription) and as they stand (query, also after a reconnect), with "Nu overnemen". The first
 * to pick up gets the case opened; the rest see who was first.
 */
export function LiveIncoming() {
  const me = useMe();
  const mayBeOnDuty = hasRole(me, RECEIVER_ROLES);
  const { data: duty } = useQuery(OnDutyDocument, { skip: !mayBeOnDuty });
  const onDuty = mayBeOnDuty && (duty?.onDuty.onDuty ?? false);
  if (!onDuty) return null;
  return <OnDutyInbox />;
}

function OnDutyInbox() {
  const announce = useAnnounce();
  const navigate = useNavigate();
  const [sound, setSound] = useState(soundPreference);
  const [error, setError] = useState<string | undefined>();
  // Requests also leave by others' hands (a colleague picked up, the fallback): looked at again now and then.
  const { data, refetch } = useQuery(OpenLiveHandoffRequestsDocument, { fetchPolicy: 'cache-and-network', pollInterval: 5000 });
  const [pickUp, { loading }] = useMutation(PickUpLiveHandoffDocument);
  // The worker may announce a request again (the API's message can be lost): announce each once.
  const announced = useRef(new Set<string>());

  useSubscription(LiveHandoffRequestsDocument, {
    onData: ({ data: d }) => {
      const request = d.data?.liveHandoffRequests;
      if (!request) return;
      void refetch();
      if (announced.current.has(request.liveHandoffId)) return;
      announced.current.add(request.liveHandoffId);
      announce(`${incomingText(request)} Kies Nu overnemen om het over te nemen.`);
      if (soundPreference()) beep();
    },
  });

  const open = data?.openLiveHandoffRequests ?? [];

  async function take(id: string, referralId: string) {
    try {
      await pickUp({ variables: { id } });
      setError(undefined);
      announce('U heeft de overdracht overgenomen.');
      await navigate(`/doorverwijzingen/${referralId}`);
    } catch (err) {
      setError(userFacingErrors(err)[0]?.message);
      void refetch();
    }
  }

  function toggleSound(on: boolean) {
    setSound(on);
    saveSoundPreference(on);
    if (on) beep();
  }

  return (
    <section className="schakel-live-incoming" aria-label="Live overdrachten">
      {open.length === 0 ? (
        <Paragraph>U bent dienstdoende. Live overdrachten verschijnen hier direct.</Paragraph>
      ) : (
        open.map((r) => (
          <div key={r.id} className="schakel-live-incoming__item" data-testid="live-incoming">
            <p>{incomingText(r)}</p>
            <Button appearance="primary-action-button" type="button" busy={loading} onClick={() => void take(r.id, r.referralId)}>
              Nu overnemen
            </Button>
          </div>
        ))
      )}
      {error && (
        <Alert type="error" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      <div className="schakel-on-duty">
        <input id="live-geluid" type="checkbox" checked={sound} onChange={(e) => toggleSound(e.target.checked)} />
        <label htmlFor="live-geluid">Geluid bij een live overdracht</label>
      </div>
    </section>
  );
}
