// The afsprakenbriefje as a tagged PDF/UA file (structure tree, language, title shown in the
// window, embedded font) from the platform's openTaggedPdf. Pure: takes the letter, returns bytes.
import { openTaggedPdf } from '@schakel/platform';
import type { CallbackLetter } from './callback-letter';

export function renderCallbackLetterPdf(letter: CallbackLetter, generatedAt: Date): Promise<Buffer> {
  const { doc, root, done } = openTaggedPdf({ title: letter.title, subject: `Terugbelafspraak ${letter.reference}`, createdAt: generatedAt });
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
