import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useId, useRef } from 'react';
import { useLocation } from 'react-router';
import { SignInPanel } from './SignInPanel';

/**
 * A modal dialog over the page when the session ran out. The page underneath stays mounted
 * (and inert), so a half-filled form is still there after signing in again.
 */
export function SessionExpiredDialog({ open }: { open: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const location = useLocation();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="schakel-dialog"
      aria-labelledby={titleId}
      // Escape may not close it: without a session nothing on the page works.
      onCancel={(e) => e.preventDefault()}
    >
      {open && (
        <>
          <Heading2 id={titleId}>Uw sessie is verlopen</Heading2>
          <Paragraph>Meld u opnieuw aan. Wat u had ingevuld, blijft staan.</Paragraph>
          <SignInPanel mode="dialog" returnTo={location.pathname} />
        </>
      )}
    </dialog>
  );
}
