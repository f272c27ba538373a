import type { EmployeeRole, Scope } from '@schakel/platform';
import type { OrganisationKind } from '../organisation-kind';

export interface DemoOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  /** Test OINs (prefix 00000099): no real OIN is claimed for demo data. */
  oin: string;
  gemeentecode: string | null;
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  { slug: 'tilburg', name: 'Gemeente Tilburg', kind: 'GEMEENTE', oin: '00000099000000855000', gemeentecode: '0855' },
  { slug: 'enschede', name: 'Gemeente Enschede', kind: 'GEMEENTE', oin: '00000099000000153000', gemeentecode: '0153' },
  { slug: 'sittard-geleen', name: 'Gemeente Sittard-Geleen', kind: 'GEMEENTE', oin: '00000099000001883000', gemeentecode: '1883' },
  { slug: 'uwv', name: 'UWV', kind: 'UWV', oin: '00000099100000001000', gemeentecode: null },
  { slug: 'svb', name: 'Sociale Verzekeringsbank', kind: 'SVB', oin: '00000099100000002000', gemeentecode: null },
  { slug: 'belastingdienst', name: 'Belastingdienst', kind: 'BELASTINGDIENST', oin: '00000099100000003000', gemeentecode: null },
];

/** `<role>@<slug>.demo`: the part before the @ and the role it stands for. */
export const DEMO_ROLES: ReadonlyArray<{ handle: string; role: EmployeeRole; title: string }> = [
  { handle: 'balie', role: 'BALIE', title: 'Baliemedewerker' },
  { handle: 'behandelaar', role: 'BEHANDELAAR', title: 'Behandelaar' },
  { handle: 'coordinator', role: 'COORDINATOR', title: 'Coördinator' },
  { handle: 'secretaris', role: 'SECRETARIS', title: 'Secretaris' },
  { handle: 'beleid', role: 'BELEID', title: 'Beleidsmedewerker' },
  { handle: 'beheer', role: 'BEHEERDER', title: 'Beheerder' },
];

export function demoUsername(handle: string, slug: string): string {
  return `${handle}@${slug}.demo`;
}

/**
 * Named demo people besides the one-per-role employees, for demonstrations that show a person
 * (the live warm handoff: "UWV neemt het nu over — Fatima van den Berg"). Seeded by the demo
 * start and the browser stack, not by the test template: suites count the role employees.
 */
export const DEMO_PERSONAS: ReadonlyArray<{ username: string; organisationSlug: string; role: EmployeeRole; displayName: string }> = [
  { username: 'fatima@uwv.demo', organisationSlug: 'uwv', role: 'BEHANDELAAR', displayName: 'Fatima van den Berg' },
];

/**
 * Every scope, for the demo clients. Written out (not imported from platform) because the test
 * set-up seeds from plain modules; a unit test keeps it equal to SCOPES.
 */
export const DEMO_CLIENT_SCOPES: readonly Scope[] = ['handoffs:read', 'handoffs:write', 'action-lists:read', 'action-lists:sign', 'webhooks:manage'];

/** Demo machine clients: a partner system of each agency, with every scope. */
export const DEMO_MACHINE_CLIENTS: ReadonlyArray<{ clientId: string; organisationSlug: string; name: string }> = [
  { clientId: 'uwv-system', organisationSlug: 'uwv', name: 'UWV systeemkoppeling (demo)' },
  { clientId: 'svb-system', organisationSlug: 'svb', name: 'SVB systeemkoppeling (demo)' },
  { clientId: 'belastingdienst-system', organisationSlug: 'belastingdienst', name: 'Belastingdienst systeemkoppeling (demo)' },
];

/** Outside production a demo client's secret is dev-secret-<client_id>, unless DEMO_CLIENT_SECRET is set. */
export function demoClientSecret(clientId: string, configured: string | undefined, production: boolean): string | null {
  if (configured) return configured;
  return production ? null : `dev-secret-${clientId}`;
}
