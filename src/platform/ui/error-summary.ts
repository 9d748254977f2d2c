/** Text of an HTML fragment: tags dropped (the "(optional)" hint with its tag), spaces collapsed. */
function textOf(fragment: string): string {
  return fragment
    .replace(/<span class="usa-hint">[\s\S]*?<\/span>/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The visible name of the field with this id: its `<label for>`, or the legend of the fieldset it is. */
function labelOf(html: string, id: string): string | null {
  const label = new RegExp(`<label\\b[^>]*\\bfor="${escapeRe(id)}"[^>]*>([\\s\\S]*?)</label>`).exec(html);
  if (label) return textOf(label[1]) || null;
  const legend = new RegExp(`<fieldset\\b[^>]*\\bid="${escapeRe(id)}"[^>]*>\\s*<legend\\b[^>]*>([\\s\\S]*?)</legend>`).exec(html);
  return legend ? textOf(legend[1]) || null : null;
}

/**
 * Names each field in a page's error summary by the label the form shows for it, so "Enter this
 * information." twice becomes "Title: Enter this information." and "Start: …", for every form, without
 * each form listing its labels again. Runs on the rendered page; the label text is already escaped.
 */
export function nameErrorFields(html: string): string {
  if (!html.includes('data-error-field=""')) return html;
  return html.replace(/<a href="#([^"]+)" data-error-field="">/g, (link, id: string) => {
    const name = labelOf(html, id);
    return name ? `${link}<span class="pw-error-summary__field">${name}</span>: ` : link;
  });
}
