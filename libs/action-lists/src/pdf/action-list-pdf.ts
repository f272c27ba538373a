// The printable document of one action-list version: a tagged PDF/UA file (structure tree,
// language, title shown in the window, embedded font) so that screen readers read it in order and
// the text can be copied. Pure: takes what it prints, returns the bytes.
import { openTaggedPdf } from '@schakel/platform';
import type { VersionStatus } from '../action-list.enums';
import type { SignatureIntent } from '@schakel/signing';

export interface PdfParty {
  name: string;
  oin: string;
  signed: SignatureIntent | null;
}

export interface PdfItem {
  position: number;
  description: string;
  ownerName: string;
  dueDate: string | null;
  status: 'OPEN' | 'IN_PROGRESS' | 'DONE' | null;
}

export interface PdfAgreement {
  receiverName: string;
  /** A topic label, or null for all topics. */
  topic: string | null;
  acceptWithinWorkingDays: number;
  firstContactWithinWorkingDays: number;
}

export interface PdfSignature {
  signerName: string;
  organisationName: string;
  organisationOin: string;
  intent: SignatureIntent;
  reason: string | null;
  signedAt: Date;
  kid: string;
  logIndex: number;
  valid: boolean;
  inclusionVerified: boolean;
}

export interface ActionListPdfInput {
  listId: string;
  versionId: string;
  version: number;
  status: VersionStatus;
  title: string;
  description: string;
  contentHash: string;
  previousVersionHash: string | null;
  finalisedAt: Date | null;
  parties: PdfParty[];
  items: PdfItem[];
  agreements: PdfAgreement[];
  signatures: PdfSignature[];
  /** The platform's own check at the moment the PDF was made. */
  verified: boolean;
  generatedAt: Date;
}

export const PDF_STATUS_LABEL: Record<VersionStatus, string> = {
  DRAFT: 'Concept',
  OPEN_FOR_SIGNING: 'Ter ondertekening',
  FINAL: 'Definitief',
  DECLINED: 'Afgewezen',
  SUPERSEDED: 'Vervangen',
};

const ITEM_STATUS_LABEL = { OPEN: 'nog niet begonnen', IN_PROGRESS: 'bezig', DONE: 'klaar' } as const;

const ZONE = 'Europe/Amsterdam';
const instant = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: ZONE });
const day = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' });

function groups(value: string): string {
  return value.match(/.{1,4}/g)?.join(' ') ?? value;
}

function days(n: number): string {
  return n === 1 ? '1 werkdag' : `${n} werkdagen`;
}

/** Renders the document; resolves with the PDF bytes. */
export function renderActionListPdf(input: ActionListPdfInput): Promise<Buffer> {
  const title = `Actielijst: ${input.title} (versie ${input.version})`;
  const { doc, root, done } = openTaggedPdf({ title, subject: `Actielijst ${input.listId}, versie ${input.version}`, createdAt: input.generatedAt });

  const heading = (text: string, level: 1 | 2) => {
    doc.moveDown(level === 1 ? 0 : 0.8);
    doc.font('bold').fontSize(level === 1 ? 18 : 13.5).fillColor('#1a1a1a');
    doc.text(text, { structParent: root, structType: `H${level}` });
    doc.font('body').fontSize(10.5).moveDown(0.3);
  };
  const paragraph = (text: string) => {
    doc.font('body').fontSize(10.5).fillColor('#1a1a1a').text(text, { structParent: root, structType: 'P' });
    doc.moveDown(0.3);
  };
  const list = (items: string[]) => {
    if (items.length === 0) return;
    // pdfkit tags each item LI > Lbl + LBody; the L around them is ours.
    const l = doc.struct('L');
    root.add(l);
    doc.font('body').fontSize(10.5).list(items, { structParent: l, listType: 'bullet', bulletRadius: 2, textIndent: 14, bulletIndent: 4 });
    l.end();
    doc.moveDown(0.3);
  };

  heading(title, 1);
  paragraph(`Status: ${PDF_STATUS_LABEL[input.status]}${input.finalisedAt ? `, definitief sinds ${instant.format(input.finalisedAt)}` : ''}.`);
  paragraph(`Vingerafdruk van de inhoud (SHA-256): ${groups(input.contentHash)}`);
  if (input.previousVersionHash) paragraph(`Vorige versie (SHA-256): ${groups(input.previousVersionHash)}`);
  if (input.description) paragraph(input.description);

  heading('Partijen', 2);
  list(input.parties.map((p) => `${p.name} (OIN ${p.oin}): ${p.signed === 'APPROVE' ? 'ondertekend' : p.signed === 'DECLINE' ? 'afgewezen' : 'nog niet ondertekend'}`));

  heading('Acties', 2);
  if (input.items.length === 0) paragraph('Geen acties.');
  list(
    input.items.map((i) => {
      const due = i.dueDate ? `, klaar op ${day.format(new Date(`${i.dueDate}T00:00:00Z`))}` : '';
      const status = i.status ? `, status: ${ITEM_STATUS_LABEL[i.status]}` : '';
      return `${i.position}. ${i.description} Eigenaar: ${i.ownerName}${due}${status}.`;
    }),
  );

  heading('Afspraken over reactietijden', 2);
  if (input.agreements.length === 0) paragraph('Geen afspraken over reactietijden.');
  list(
    input.agreements.map(
      (a) =>
        `${a.receiverName}, ${a.topic ?? 'alle onderwerpen'}: aanvaarden binnen ${days(a.acceptWithinWorkingDays)}, eerste contact binnen ${days(a.firstContactWithinWorkingDays)} na aanvaarden.`,
    ),
  );

  heading('Handtekeningen', 2);
  if (input.signatures.length === 0) paragraph('Nog geen handtekeningen.');
  list(
    input.signatures.map(
      (s) =>
        `${s.intent === 'APPROVE' ? 'Ondertekend' : 'Afgewezen'} door ${s.signerName}, ${s.organisationName} (OIN ${s.organisationOin}), op ${instant.format(s.signedAt)}.` +
        `${s.reason ? ` Reden: ${s.reason}.` : ''}` +
        ` Sleutel (vingerafdruk): ${s.kid}. Plaats in het transparantielog: ${s.logIndex}.` +
        ` Controle: handtekening ${s.valid ? 'klopt' : 'klopt niet'}, ${s.inclusionVerified ? 'staat aantoonbaar in het log' : 'niet aangetoond in het log'}.`,
    ),
  );

  heading('Zo controleert u deze lijst', 2);
  paragraph(
    `Schakel controleerde deze versie op ${instant.format(input.generatedAt)}: ${input.verified ? 'alles klopt' : 'er klopt iets niet, zie de handtekeningen hierboven'}.`,
  );
  paragraph(
    'Controleer zelf, zonder Schakel te vertrouwen: download in Schakel bij deze versie het bewijspakket (een JSON-bestand) en voer uit: npx schakel-verify bundle.json. ' +
      'Dat rekent de vingerafdruk van de inhoud na, controleert elke handtekening met de publieke sleutel van de ondertekenaar en toont aan dat elke handtekening in het transparantielog staat.',
  );
  paragraph('Dit is geen gekwalificeerde elektronische handtekening (eIDAS). Het bewijst wie met welke sleutel welke inhoud ondertekende, en dat dit later niet ongemerkt is veranderd.');
  paragraph(`Actielijst ${input.listId}, versie-id ${input.versionId}.`);

  root.end();
  doc.end();
  return done;
}
