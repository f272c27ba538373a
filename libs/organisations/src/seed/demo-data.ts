import type { EmployeeRole } from '@schakel/platform';
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
