// The afsprakenbriefje as a tagged PDF/UA file (structure tree, language, title shown in the
// window, embedded font), made like the action list's PDF. Pure: takes the letter, returns bytes.
import PDFDocument from 'pdfkit';
import type { CallbackLetter } from './callback-letter';

function fontPath(file: string): string {
  // Shipped by the dejavu-fonts-ttf package (pinned in package.json): works offline after npm ci.
  return require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
}

export function renderCallbackLetterPdf(letter: CallbackLetter, generatedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    // PDF/UA (ISO 14289): pdfkit adds the pdfuaid metadata and requires tagged output. The
    // typings only know the PDF/A subsets.
    subset: 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets,
    tagged: true,
    lang: 'nl-NL',
    displayTitle: true,
    font: fontPath('DejaVuSans.ttf'),
    info: { Title: letter.title, Author: 'Schakel', Subject: `Terugbelafspraak ${letter.reference}`, CreationDate: generatedAt },
    bufferPages: false,
  });
  doc.registerFont('body', fontPath('DejaVuSans.ttf'));
  doc.registerFont('bold', fontPath('DejaVuSans-Bold.ttf'));

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  doc.font('bold').fontSize(20).fillColor('#1a1a1a').text(letter.title, { structParent: root, structType: 'H1' });
  for (const section of letter.sections) {
    doc.moveDown(0.8);
    doc.font('bold').fontSize(15).fillColor('#1a1a1a').text(section.heading, { structParent: root, structType: 'H2' });
    doc.moveDown(0.2);
    for (const p of section.paragraphs) {
      doc.font('body').fontSize(13).fillColor('#1a1a1a').text(p, { structParent: root, structType: 'P' });
      doc.moveDown(0.3);
    }
    if (section.items.length > 0) {
      // pdfkit tags each item LI > Lbl + LBody; the L around them is ours.
      const l = doc.struct('L');
      root.add(l);
      doc.font('body').fontSize(13).list(section.items, { structParent: l, listType: 'bullet', bulletRadius: 2.5, textIndent: 16, bulletIndent: 4 });
      l.end();
    }
  }
  root.end();
  doc.end();
  return done;
}
