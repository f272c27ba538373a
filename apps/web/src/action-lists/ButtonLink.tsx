import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';

/** A link that looks like a button (it goes somewhere; it does not do something), client-side. */
export function ButtonLink({ to, children, appearance = 'secondary-action-button' }: { to: string; children: ReactNode; appearance?: 'primary-action-button' | 'secondary-action-button' }) {
  return (
    <RouterLink to={to} className={`utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${appearance}`}>
      {children}
    </RouterLink>
  );
}
