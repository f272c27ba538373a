import { readPdf } from '@schakel/testing';
import { renderActionListPdf, type ActionListPdfInput } from './action-list-pdf';

const INPUT: ActionListPdfInput = {
  listId: '4f1c1a52-0000-4000-8000-000000000001',
  versionId: '4f1c1a52-0000-4000-8000-000000000002',
  version: 2,
  status: 'FINAL',
  title: 'Samen één loket',
  description: 'Afspraken over warm doorverwijzen tussen gemeente, UWV en SVB.',
  contentHash: 'a'.repeat(64),
  previousVersionHash: 'b'.repeat(64),
  finalisedAt: new Date('2026-12-01T10:00:00Z'),
  parties: [
    { name: 'Gemeente Tilburg', oin: '00000001001172773000', signed: 'APPROVE' },
    { name: 'UWV', oin: '00000001003214345000', signed: 'APPROVE' },
  ],
  items: [{ position: 1, description: 'Eén contactpersoon per organisatie.', ownerName: 'Gemeente Tilburg', dueDate: '2027-01-15', status: 'IN_PROGRESS' }],
  agreements: [{ receiverName: 'UWV', topic: null, acceptWithinWorkingDays: 1, firstContactWithinWorkingDays: 2 }],
  signatures: [
    {
      signerName: 'Sanne Secretaris',
      organisationName: 'UWV',
      organisationOin: '00000001003214345000',
      intent: 'APPROVE',
      reason: null,
      signedAt: new Date('2026-12-01T09:59:00Z'),
      kid: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
      logIndex: 17,
      valid: true,
      inclusionVerified: true,
    },
  ],
  verified: true,
  generatedAt: new Date('2026-12-01T11:00:00Z'),
};

interface Read {
  pages: number;
  text: string;
  title: string;
  language: string | null;
  markInfo: { Marked?: boolean } | null;
  tags: string[];
}

describe('renderActionListPdf', () => {
  let pdf: Buffer;
  let read: Read;

  beforeAll(async () => {
    pdf = await renderActionListPdf(INPUT);
    read = await readPdf<Read>(pdf);
  }, 40_000);

  it('is a tagged PDF/UA document in Dutch with its title shown', () => {
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/MarkInfo/);
    expect(raw).toMatch(/\/Lang \(nl-NL\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toContain('pdfuaid:part');
    expect(read.markInfo?.Marked).toBe(true);
    expect(read.title).toBe('Actielijst: Samen één loket (versie 2)');
    expect(read.tags).toEqual(expect.arrayContaining(['Document', 'H1', 'H2', 'P', 'L', 'LI', 'LBody']));
  });

  it('embeds its font (no standard font that a reader must guess)', () => {
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it('has text a screen reader or a copy can get at: content, signatures, how to verify', () => {
    const text = read.text.replace(/\s+/g, ' ');
    expect(text).toContain('Actielijst: Samen één loket (versie 2)');
    expect(text).toContain('Status: Definitief');
    expect(text).toContain('aaaa aaaa');
    expect(text).toContain('Eén contactpersoon per organisatie.');
    expect(text).toContain('aanvaarden binnen 1 werkdag, eerste contact binnen 2 werkdagen');
    expect(text).toContain('Ondertekend door Sanne Secretaris, UWV');
    expect(text).toContain('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(text).toContain('Plaats in het transparantielog: 17');
    expect(text).toContain('npx schakel-verify bundle.json');
  });
});
