import type { BottleneckCategory } from '@schakel/referrals';

/** Demo knelpunten (issue 12): realistic, all marked "Demo:"; one names a citizen and a phone number, so the scrubbing shows. */
export const DEMO_BOTTLENECKS: ReadonlyArray<{ category: BottleneckCategory; rule: string; description: string; customSolution: string | null; ownerSlug: string }> = [
  {
    category: 'WET_EN_REGELGEVING',
    rule: 'Participatiewet art. 19a (kostendelersnorm)',
    description: 'Demo: de kostendelersnorm verlaagde de uitkering toen een volwassen zoon tijdelijk weer thuis woonde na een uithuiszetting.',
    customSolution: 'Demo: drie maanden bijzondere bijstand voor de woonkosten, omdat de situatie tijdelijk was en huurachterstand dreigde.',
    ownerSlug: 'tilburg',
  },
  {
    category: 'WET_EN_REGELGEVING',
    rule: 'Awir art. 26 (terugvordering toeslagen)',
    description: 'Demo: terugvordering van huurtoeslag over twee jaar, terwijl het wisselende inkomen pas achteraf bekend werd.',
    customSolution: 'Demo: persoonlijke betalingsregeling afgestemd op de beslagvrije voet, samen met de schuldhulpverlener.',
    ownerSlug: 'belastingdienst',
  },
  {
    category: 'SYSTEEM',
    rule: 'Suwinet-Inkijk',
    description: 'Demo: de gemeente kon de WW-beslissing niet inzien, waardoor de aanvraag levensonderhoud bleef liggen.',
    customSolution: 'Demo: voorschot verstrekt op basis van de brief die de inwoner zelf meebracht.',
    ownerSlug: 'uwv',
  },
  {
    category: 'SAMENWERKING',
    rule: 'Geen vaste contactpersoon',
    description: 'Demo: mevrouw Demo-Bakker werd drie keer doorverbonden en belde zelf terug via 06-12345678 voordat iemand de zaak kon oppakken.',
    customSolution: null,
    ownerSlug: 'svb',
  },
  {
    category: 'WERKPROCES',
    rule: 'Bewijsstukken opnieuw aanleveren',
    description: 'Demo: de inwoner moest dezelfde loonstroken en bankafschriften bij twee organisaties aanleveren.',
    customSolution: 'Demo: stukken met toestemming van de inwoner doorgestuurd in plaats van opnieuw opgevraagd.',
    ownerSlug: 'enschede',
  },
  {
    category: 'CAPACITEIT',
    rule: 'Wachttijd schuldhulpverlening',
    description: 'Demo: acht weken wachttijd voor een intakegesprek bij schuldhulp, terwijl er een afsluiting van energie dreigde.',
    customSolution: 'Demo: crisisinterventie binnen drie dagen, buiten de gewone wachtlijst om.',
    ownerSlug: 'sittard-geleen',
  },
  {
    category: 'WET_EN_REGELGEVING',
    rule: 'AOW, gezamenlijke huishouding',
    description: 'Demo: onduidelijk of mantelzorg bij een ouder als gezamenlijke huishouding telt; de inwoner durfde geen zorg meer te geven.',
    customSolution: 'Demo: mantelzorgverklaring opgesteld, zodat de uitkering als alleenstaande bleef.',
    ownerSlug: 'svb',
  },
  {
    category: 'SYSTEEM',
    rule: 'DigiD en machtigen',
    description: 'Demo: de inwoner had geen DigiD en kon de aanvraag niet digitaal doen; machtigen lukte niet zonder DigiD.',
    customSolution: 'Demo: aanvraag samen aan de balie op papier ingevuld en persoonlijk afgegeven.',
    ownerSlug: 'uwv',
  },
];

/** Demo leerverhalen, written without anything identifying. */
export const DEMO_STORIES: ReadonlyArray<{ title: string; situation: string; action: string; reason: string; ruleNeed: string | null }> = [
  {
    title: 'Demo: eerst het dak, dan de regels',
    situation: 'Een alleenstaande ouder dreigde de woning te verliezen omdat een toeslag werd teruggevorderd en de uitkering tegelijk werd verlaagd.',
    action: 'De behandelaar regelde een tijdelijke voorziening voor de huur en nam zelf contact op met de toeslagenorganisatie.',
    reason: 'Zonder woning waren werk en school voor de kinderen niet vol te houden; de terugvordering kon later worden geregeld.',
    ruleNeed: 'Een terugvordering zou pas moeten starten als de gemeente weet dat er hulp loopt.',
  },
  {
    title: 'Demo: één gesprek in plaats van drie loketten',
    situation: 'Een inwoner met schulden en een ziekte kreeg van drie organisaties brieven die elkaar tegenspraken.',
    action: 'De coördinator organiseerde één gesprek met de drie organisaties en de inwoner aan tafel.',
    reason: 'De inwoner kon de brieven niet meer lezen van de stress; één plan gaf rust.',
    ruleNeed: 'Een vaste contactpersoon per organisatie voor warme overdrachten.',
  },
  {
    title: 'Demo: voorschot op vertrouwen',
    situation: 'Een inwoner zat zonder inkomen omdat de beslissing van een andere organisatie niet zichtbaar was in de systemen.',
    action: 'De behandelaar gaf een voorschot op basis van de brief die de inwoner meebracht.',
    reason: 'Wachten op het systeem had een huurachterstand gegeven; het risico van een voorschot was klein.',
    ruleNeed: 'Inzage in beslissingen van partners, met toestemming van de inwoner.',
  },
  {
    title: 'Demo: mantelzorg is geen samenwonen',
    situation: 'Een inwoner zorgde dagelijks voor een ouder en vreesde zijn uitkering te verliezen.',
    action: 'Samen met de partner werd een mantelzorgverklaring opgesteld.',
    reason: 'De regels bedoelen zorg niet te straffen; de inwoner moest dat zwart op wit hebben.',
    ruleNeed: 'Een duidelijke uitzondering voor mantelzorg in de regels over gezamenlijke huishouding.',
  },
  {
    title: 'Demo: papier als het digitaal niet lukt',
    situation: 'Een oudere inwoner zonder DigiD kon een aanvraag niet doen en liep een maand inkomen mis.',
    action: 'De baliemedewerker vulde de aanvraag samen met de inwoner op papier in en bracht die zelf weg.',
    reason: 'Digitaal als enige weg sloot deze inwoner uit.',
    ruleNeed: 'Altijd een niet-digitale route voor wie geen DigiD heeft.',
  },
  {
    title: 'Demo: crisis gaat voor de wachtlijst',
    situation: 'Bij een gezin dreigde afsluiting van energie terwijl schuldhulp pas over acht weken kon starten.',
    action: 'Een crisisinterventie binnen drie dagen, buiten de wachtlijst om.',
    reason: 'Afsluiting had veel hogere kosten en schade gegeven dan eerder helpen.',
    ruleNeed: null,
  },
];

export const DEMO_PROPOSALS: ReadonlyArray<{ authorSlug: string; ownerSlug: string; rule: string; proposal: string; status: 'INGEDIEND' | 'IN_BEHANDELING' | 'OPGELOST' | 'AFGEWEZEN'; response: string | null; rejectionReason: string | null }> = [
  {
    authorSlug: 'tilburg',
    ownerSlug: 'belastingdienst',
    rule: 'Awir art. 26 (terugvordering toeslagen)',
    proposal: 'Demo: stel een terugvordering uit zolang een gemeente meldt dat er schuldhulp loopt, en stem het maandbedrag af op de beslagvrije voet.',
    status: 'IN_BEHANDELING',
    response: 'Demo: we onderzoeken dit samen met de VNG.',
    rejectionReason: null,
  },
  {
    authorSlug: 'enschede',
    ownerSlug: 'uwv',
    rule: 'Suwinet-Inkijk',
    proposal: 'Demo: geef gemeenten inzage in WW-beslissingen zodra de inwoner toestemming gaf, zodat een aanvraag levensonderhoud niet stil komt te liggen.',
    status: 'OPGELOST',
    response: 'Demo: sinds dit kwartaal is de beslissing zichtbaar in Suwinet-Inkijk.',
    rejectionReason: null,
  },
  {
    authorSlug: 'sittard-geleen',
    ownerSlug: 'svb',
    rule: 'AOW, gezamenlijke huishouding',
    proposal: 'Demo: neem een uitzondering voor mantelzorg op in de beleidsregels over de gezamenlijke huishouding.',
    status: 'INGEDIEND',
    response: null,
    rejectionReason: null,
  },
  {
    authorSlug: 'tilburg',
    ownerSlug: 'uwv',
    rule: 'DigiD en machtigen',
    proposal: 'Demo: laat een gemeente een papieren aanvraag namens de inwoner indienen.',
    status: 'AFGEWEZEN',
    response: null,
    rejectionReason: 'Demo: dit kan al via de balies van UWV; we maken dat beter bekend.',
  },
];
