import { RuntimeRole1764331200000 } from './1764331200000-runtime-role';
import { Organisations1764331260000 } from './1764331260000-organisations';
import { Referrals1764338400000 } from './1764338400000-referrals';
import { FollowUps1764345600000 } from './1764345600000-follow-ups';
import { MachineClients1764352800000 } from './1764352800000-machine-clients';
import { IdentityProviderClientId1764360000000 } from './1764360000000-identity-provider-client-id';
import { PlatformOperatorRole1764374400000 } from './1764374400000-platform-operator-role';
import { FollowUpsSourceOfTruth1764381600000 } from './1764381600000-follow-ups-source-of-truth';
import { Retention1764388800000 } from './1764388800000-retention';
import { InzageAndKeyIds1764392400000 } from './1764392400000-inzage-and-key-ids';
import { HandoffCountIndexes1764399600000 } from './1764399600000-handoff-count-indexes';

/** The schema's whole history, oldest first. Add new migrations at the end. */
export const MIGRATIONS = [RuntimeRole1764331200000, Organisations1764331260000, Referrals1764338400000, FollowUps1764345600000, MachineClients1764352800000, IdentityProviderClientId1764360000000, PlatformOperatorRole1764374400000, FollowUpsSourceOfTruth1764381600000, Retention1764388800000, InzageAndKeyIds1764392400000, HandoffCountIndexes1764399600000];
