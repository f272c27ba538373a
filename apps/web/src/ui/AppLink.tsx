import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';

/**
 * A link inside the app: NL Design System's link look, client-side navigation. A plain <a href>
 * would reload the page, and with it drop the session, which lives in memory only.
 */
export function AppLink({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <RouterLink to={to} className={`utrecht-link utrecht-link--html-a${className ? ` ${className}` : ''}`}>
      {children}
    </RouterLink>
  );
}
