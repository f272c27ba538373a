import { FollowUps1764345600000 } from './1764345600000-follow-ups';
import { FollowUpsSourceOfTruth1764381600000 } from './1764381600000-follow-ups-source-of-truth';

/** Migrations of the follow-up tables this lib owns (notifications, webhooks, response norms), oldest first. */
export const FOLLOW_UPS_MIGRATIONS = [FollowUps1764345600000, FollowUpsSourceOfTruth1764381600000];
