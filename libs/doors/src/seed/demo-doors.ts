import type { ReferralTopic } from '@schakel/referrals';
import type { DoorReach, OpeningHours } from '../door.model';

// Plain data (no Nest, no lib index): the test set-up seeds from this module directly.

export interface DemoDoor {
  id: string;
  /** The demo organisation's slug. */
  organisation: string;
  name: string;
  description: string;
  topics: ReferralTopic[];
  national: boolean;
  gemeentecodes: string[];
  reach: DoorReach;
  phone: string;
  checklist: string[];
  liveAllowed: boolean;
  liveTimeoutMinutes: number;
}

/** Monday to Friday, 09:00–17:00: every demo door's hours. */
export const DEMO_OPENING_HOURS: readonly OpeningHours[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' }));

export const DEMO_DOOR_IDS = {
  uwvWerk: 'd0000000-0000-4000-8000-000000000001',
  svb: 'd0000000-0000-4000-8000-000000000002',
  toeslagen: 'd0000000-0000-4000-8000-000000000003',
  tilburgSchulden: 'd0000000-0000-4000-8000-000000000004',
  tilburgWerk: 'd0000000-0000-4000-8000-000000000005',
  enschedeSchulden: 'd0000000-0000-4000-8000-000000000006',
  sittardLoket: 'd0000000-0000-4000-8000-000000000007',
} as const;

export const DEMO_DOORS: readonly DemoDoor[] = [
  {
    id: DEMO_DOOR_IDS.uwvWerk,
    organisation: 'uwv',
    name: 'WW en werk',
    description: 'WW-uitkering, werk zoeken en re-integratie. Voor inwoners van heel Nederland.',
    topics: ['WERK', 'INKOMEN'],
    national: true,
    gemeentecodes: [],
    reach: 'LIVE',
    phone: '088 - 898 92 94',
    checklist: ['Laatste loonstrook of uitkeringsspecificatie', 'Datum van ontslag of laatste werkdag', 'Is er al een WW-aanvraag gedaan?'],
    liveAllowed: true,
    liveTimeoutMinutes: 5,
  },
  {
    id: DEMO_DOOR_IDS.svb,
    organisation: 'svb',
    name: 'AOW, Anw en kinderbijslag',
    description: 'Vragen over AOW, nabestaandenuitkering (Anw) en kinderbijslag.',
    topics: ['INKOMEN'],
    national: true,
    gemeentecodes: [],
    reach: 'DIRECTE_LIJN',
    phone: '030 - 264 90 00',
    checklist: ['Welke uitkering het gaat', 'Laatste brief van de SVB, als die er is'],
    liveAllowed: false,
    liveTimeoutMinutes: 5,
  },
  {
    id: DEMO_DOOR_IDS.toeslagen,
    organisation: 'belastingdienst',
    name: 'Toeslagen',
    description: 'Huurtoeslag, zorgtoeslag, kinderopvangtoeslag en kindgebonden budget; terugbetalen en betalingsregelingen.',
    topics: ['TOESLAGEN', 'BELASTINGEN'],
    national: true,
    gemeentecodes: [],
    reach: 'DIRECTE_LIJN',
    phone: '0800 - 543 43 44',
    checklist: ['Welke toeslag het gaat', 'Laatste beschikking of brief van Toeslagen', 'Wijzigingen in inkomen of gezin dit jaar'],
    liveAllowed: true,
    liveTimeoutMinutes: 5,
  },
  {
    id: DEMO_DOOR_IDS.tilburgSchulden,
    organisation: 'tilburg',
    name: 'Schuldhulpverlening',
    description: 'Hulp bij schulden en geldzorgen voor inwoners van Tilburg.',
    topics: ['SCHULDEN'],
    national: false,
    gemeentecodes: ['0855'],
    reach: 'DIRECTE_LIJN',
    phone: '013 - 542 85 00',
    checklist: ['Overzicht van schuldeisers, als dat er is', 'Laatste loonstrook of uitkeringsspecificatie', 'Brieven van deurwaarder of incassobureau'],
    liveAllowed: false,
    liveTimeoutMinutes: 5,
  },
  {
    id: DEMO_DOOR_IDS.tilburgWerk,
    organisation: 'tilburg',
    name: 'Werk en inkomen',
    description: 'Bijstand, werk en inkomensondersteuning voor inwoners van Tilburg.',
    topics: ['WERK', 'INKOMEN'],
    national: false,
    gemeentecodes: ['0855'],
    reach: 'DIRECTE_LIJN',
    phone: '013 - 542 85 10',
    checklist: ['Laatste loonstrook of uitkeringsspecificatie', 'Bankafschriften van de laatste maand'],
    liveAllowed: false,
    liveTimeoutMinutes: 5,
  },
  {
    id: DEMO_DOOR_IDS.enschedeSchulden,
    organisation: 'enschede',
    name: 'Schulddienstverlening',
    description: 'Hulp bij schulden voor inwoners van Enschede.',
    topics: ['SCHULDEN'],
    national: false,
    gemeentecodes: ['0153'],
    reach: 'DIRECTE_LIJN',
    phone: '053 - 481 48 00',
    checklist: ['Overzicht van schuldeisers, als dat er is', 'Laatste loonstrook of uitkeringsspecificatie'],
    liveAllowed: false,
    liveTimeoutMinutes: 5,
  },
  {
    id: DEMO_DOOR_IDS.sittardLoket,
    organisation: 'sittard-geleen',
    name: 'Sociaal loket',
    description: 'Eén loket voor zorg, wonen, jeugd en schulden in Sittard-Geleen.',
    topics: ['ZORG', 'WONEN', 'JEUGD', 'SCHULDEN'],
    national: false,
    gemeentecodes: ['1883'],
    reach: 'LIVE',
    phone: '046 - 477 77 77',
    checklist: ['Waar de inwoner nu het meest mee zit', 'Wie er nog meer betrokken is (zorg, school, woningcorporatie)'],
    liveAllowed: true,
    liveTimeoutMinutes: 5,
  },
];
