import { NavLink, Outlet, useSearchParams } from 'react-router';
import './reports.css';

const TABS = [
  { to: 'knelpunten', label: 'Knelpuntenrapportage' },
  { to: 'uitvoering', label: 'Staat van de uitvoering' },
  { to: 'leerverhalen', label: 'Leerverhalen' },
  { to: 'agenda', label: 'Vereenvoudigingsagenda' },
  { to: 'jaarrapport', label: 'Jaarrapport' },
] as const;

/** Rapportages: one page per report, a sub menu between them that keeps the chosen period. */
export default function ReportsLayout() {
  const [params] = useSearchParams();
  const keep = new URLSearchParams();
  for (const key of ['van', 'tot', 'lijst']) {
    const value = params.get(key);
    if (value) keep.set(key, value);
  }
  const query = keep.toString() ? `?${keep.toString()}` : '';
  return (
    <>
      <nav className="schakel-subnav schakel-no-print" aria-label="Rapportages">
        <ul>
          {TABS.map((t) => (
            <li key={t.to}>
              <NavLink to={`/rapportages/${t.to}${query}`} className={({ isActive }) => `schakel-subnav__link${isActive ? ' schakel-subnav__link--current' : ''}`}>
                {t.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
