import PDFDocument from 'pdfkit';

/** A font of the dejavu-fonts-ttf package (pinned in package.json): embedded, works offline after npm ci. */
export function pdfFontPath(file: 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf'): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
}

export interface TaggedPdf {
  doc: PDFKit.PDFDocument;
  /** The structure tree's Document element: every heading, paragraph, list and table goes under it. */
  root: PDFKit.PDFStructureElement;
  /** The PDF's bytes, once `doc.end()` is called. */
  done: Promise<Buffer>;
}

/**
 * An A4 document that is accessible by construction, for every PDF Schakel makes (action list,
 * year report, afsprakenbriefje): PDF/UA (ISO 14289) with a structure tree, its language, its
 * title shown in the window and an embedded font, and the fonts `body` and `bold` registered.
 */
export function openTaggedPdf(options: { title: string; subject: string; createdAt: Date }): TaggedPdf {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    // pdfkit adds the pdfuaid metadata and requires tagged output; its typings only know the PDF/A subsets.
    subset: 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets,
    tagged: true,
    lang: 'nl-NL',
    displayTitle: true,
    font: pdfFontPath('DejaVuSans.ttf'),
    info: { Title: options.title, Author: 'Schakel', Subject: options.subject, CreationDate: options.createdAt },
    bufferPages: false,
  });
  doc.registerFont('body', pdfFontPath('DejaVuSans.ttf'));
  doc.registerFont('bold', pdfFontPath('DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  return { doc, root, done };
}
