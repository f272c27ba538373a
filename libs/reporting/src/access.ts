import { type Actor, AppError, hasAnyRole } from '@schakel/platform';

/**
 * Who may do what with reports (docs/reports.md): beleidsmedewerkers and secretarissen read the
 * reports and write voorstellen; case roles never see a report (they see cases, and a report must
 * not become a way back to one). Behandelaars and coördinatoren write leerverhalen; a coördinator
 * reviews another's.
 */
export const REPORT_ROLES = ['BELEID', 'SECRETARIS'] as const;

export function assertMayReadReports(actor: Actor): void {
  if (actor.kind !== 'employee' || !hasAnyRole(actor, REPORT_ROLES)) {
    throw AppError.forbidden({
      nl: 'Alleen beleidsmedewerkers en secretarissen zien de rapportages.',
      en: 'Only policy officers and secretaries see the reports.',
    });
  }
}

export function assertMayWriteStory(actor: Actor): void {
  if (actor.kind !== 'employee' || !hasAnyRole(actor, ['BEHANDELAAR', 'COORDINATOR'])) {
    throw AppError.forbidden({ nl: 'Alleen een behandelaar of coördinator schrijft een leerverhaal.', en: 'Only a case handler or coordinator writes a learning story.' });
  }
}

export function assertMayReviewStory(actor: Actor): void {
  if (actor.kind !== 'employee' || !hasAnyRole(actor, ['COORDINATOR'])) {
    throw AppError.forbidden({ nl: 'Alleen een coördinator beoordeelt een leerverhaal.', en: 'Only a coordinator reviews a learning story.' });
  }
}

export function assertMayReadStories(actor: Actor): void {
  if (actor.kind !== 'employee' || !hasAnyRole(actor, ['BEHANDELAAR', 'COORDINATOR', ...REPORT_ROLES])) {
    throw AppError.forbidden({ nl: 'U kunt geen leerverhalen inzien.', en: 'You cannot see learning stories.' });
  }
}
