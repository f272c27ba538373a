import { Referrals1764338400000 } from './1764338400000-referrals';
import { Retention1764388800000 } from './1764388800000-retention';
import { InzageAndKeyIds1764392400000 } from './1764392400000-inzage-and-key-ids';
import { HandoffCountIndexes1764399600000 } from './1764399600000-handoff-count-indexes';
import { CreateReferralFunction1764403200000 } from './1764403200000-create-referral-function';

/**
 * Migrations of the case tables this lib owns, oldest first. The first one also created the
 * platform's outbox, processing_log and audit_log (history, kept as it ran: a migration that
 * has run is never edited or split); later changes to those go to the platform's migrations.
 */
export const REFERRALS_MIGRATIONS = [Referrals1764338400000, Retention1764388800000, InzageAndKeyIds1764392400000, HandoffCountIndexes1764399600000, CreateReferralFunction1764403200000];
