import PDFDocument from 'pdfkit';

/** What the PDF prints, already in the report's language. */
export interface PdfReport {
  title: string;
  period: string;
  narrative: string;
  generated: string;
  sections: { heading: string; rows: { label: string; value: string; definition: string }[]; suppressed: string }[];
}

/**
 * The grant report as a PDF. PDFKit's built-in Helvetica writes text as text (selectable, searchable)
 * in the WinAnsi encoding, which holds every Spanish letter (á, é, í, ó, ú, ñ, ü, ¿, ¡), so no font file
 * is shipped. Streams are left uncompressed: the file stays small and its text can be checked.
 */
export function reportPdf(r: PdfReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 54, compress: false, info: { Title: r.title } });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(18).text(r.title);
  doc.font('Helvetica').fontSize(11).text(r.period).moveDown();
  for (const para of r.narrative.split(/\n\s*\n/).filter((p) => p.trim())) doc.text(para.trim()).moveDown(0.5);
  for (const s of r.sections) {
    doc.moveDown().font('Helvetica-Bold').fontSize(14).text(s.heading).moveDown(0.3);
    for (const row of s.rows) {
      doc.font('Helvetica-Bold').fontSize(11).text(`${row.label}: ${row.value}`);
      doc.font('Helvetica').fontSize(9).fillColor('#454545').text(row.definition).fillColor('#000000').moveDown(0.3);
    }
    doc.font('Helvetica-Oblique').fontSize(10).text(s.suppressed);
  }
  doc.moveDown().font('Helvetica').fontSize(9).text(r.generated);
  doc.end();
  return done;
}
