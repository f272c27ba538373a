import type { NormUnit, ResponseNorm } from './response-norms';

/** Without an urgency, the norm of an ordinary referral (createReferral's default too). */
export const DEFAULT_NORM_URGENCY = 'NORMAAL';

/** A norm as people read it: amounts in words for the web form, numbers for a client to use. */
export interface ResponseNormView {
  /** E.g. "2 werkdagen", "4 uur". */
  acceptWithin: string;
  /** From acceptance to first contact, e.g. "3 werkdagen". */
  firstContactWithin: string;
  /** The sentence the referral form shows, e.g. "reageert binnen 2 werkdagen". */
  description: string;
  acceptWorkingDays: number | null;
  acceptHours: number | null;
  contactWorkingDays: number | null;
  contactHours: number | null;
}

/** "1 werkdag", "2 werkdagen", "4 uur", "1 seconde" (seconds only occur in tests). */
export function normAmountInWords(amount: number, unit: NormUnit): string {
  switch (unit) {
    case 'WORKING_DAYS':
      return amount === 1 ? '1 werkdag' : `${amount} werkdagen`;
    case 'HOURS':
      return `${amount} uur`;
    case 'SECONDS':
      return amount === 1 ? '1 seconde' : `${amount} seconden`;
  }
}

export function describeNorm(norm: ResponseNorm): ResponseNormView {
  const acceptWithin = normAmountInWords(norm.acceptAmount, norm.acceptUnit);
  return {
    acceptWithin,
    firstContactWithin: normAmountInWords(norm.contactAmount, norm.contactUnit),
    description: `reageert binnen ${acceptWithin}`,
    acceptWorkingDays: norm.acceptUnit === 'WORKING_DAYS' ? norm.acceptAmount : null,
    acceptHours: norm.acceptUnit === 'HOURS' ? norm.acceptAmount : null,
    contactWorkingDays: norm.contactUnit === 'WORKING_DAYS' ? norm.contactAmount : null,
    contactHours: norm.contactUnit === 'HOURS' ? norm.contactAmount : null,
  };
}
