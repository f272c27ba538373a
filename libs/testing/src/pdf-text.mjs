// Reads a PDF the way an assistive tool would (pdf.js): its text in reading order, its metadata,
// mark info and structure tree; prints them as JSON. ESM, so the Jest spec runs it as a child
// process. Usage: node pdf-text.mjs file.pdf
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
const text = [];
const tags = new Set();
const walk = (node) => {
  if (node && typeof node === 'object') {
    if (typeof node.role === 'string') tags.add(node.role);
    for (const child of node.children ?? []) walk(child);
  }
};
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  text.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
  walk(await page.getStructTree());
}
const meta = await pdf.getMetadata();
const markInfo = await pdf.getMarkInfo();
process.stdout.write(JSON.stringify({ pages: pdf.numPages, text: text.join('\n'), title: meta.info.Title, language: meta.info.Language ?? null, markInfo, tags: [...tags] }));
