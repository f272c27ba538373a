import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { OnDutyDocument, SetOnDutyDocument } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { hasRole, RECEIVER_ROLES, useMe } from '../app/me';
import { useAnnounce } from '../ui/announcer';
import './live.css';

/** "Dienstdoende" in the header, for behandelaars and coördinatoren: on duty, live requests reach you at once. */
export function OnDutySwitch() {
  const me = useMe();
  const announce = useAnnounce();
  const mayBeOnDuty = hasRole(me, RECEIVER_ROLES);
  const { data } = useQuery(OnDutyDocument, { skip: !mayBeOnDuty });
  const [setOnDuty] = useMutation(SetOnDutyDocument, { refetchQueries: [OnDutyDocument], awaitRefetchQueries: true });
  const [error, setError] = useState<string | undefined>();
  // The switch follows the click at once; the server's answer confirms or undoes it.
  const [pending, setPending] = useState<boolean | undefined>();
  if (!mayBeOnDuty) return null;
  const onDuty = pending ?? data?.onDuty.onDuty ?? false;

  async function toggle(next: boolean) {
    setPending(next);
    try {
      await setOnDuty({ variables: { onDuty: next } });
      setError(undefined);
      announce(next ? 'U bent nu dienstdoende: live overdrachten komen direct bij u binnen.' : 'U bent niet meer dienstdoende.');
    } catch (err) {
      setError(userFacingErrors(err)[0]?.message);
    } finally {
      setPending(undefined);
    }
  }

  return (
    <div className="schakel-on-duty">
      <input id="dienstdoende" type="checkbox" role="switch" checked={onDuty} aria-checked={onDuty} disabled={pending !== undefined || !data} onChange={(e) => void toggle(e.target.checked)} />
      <label htmlFor="dienstdoende">Dienstdoende</label>
      {error && (
        <span role="alert" className="schakel-error">
          {error}
        </span>
      )}
    </div>
  );
}
