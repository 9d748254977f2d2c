// "Add a speaker" (a question, a link) at once: copies the form's template row instead of posting the
// form back. Without this script the button posts back and the server adds the row, so nothing depends
// on it. The new row gets its index and number, the focus moves into it, and a status line says so.
const MARK = /__row__/g;

function addRow(button: HTMLButtonElement, template: HTMLTemplateElement, count: HTMLInputElement, event: Event): void {
  const index = Number(count.value);
  const max = Number(template.dataset.max);
  const row = template.content.firstElementChild?.cloneNode(true);
  // Anything unexpected: let the button post back as it does without JavaScript.
  if (!Number.isInteger(index) || index >= max || !(row instanceof HTMLElement)) return;
  event.preventDefault();
  [row, ...Array.from(row.querySelectorAll('*'))].forEach((el) => {
    Array.from(el.attributes).forEach((attr) => {
      if (attr.value.includes('__row__')) attr.value = attr.value.replace(MARK, String(index));
    });
  });
  const legend = row.querySelector('legend');
  if (legend) legend.textContent = (legend.textContent ?? '').replace('{n}', String(index + 1));
  template.before(row);
  count.value = String(index + 1);
  button.closest('fieldset')?.querySelector('.pw-none-yet')?.remove();
  if (index + 1 >= max) button.hidden = true;
  row.querySelector<HTMLElement>('input, textarea, select')?.focus();
  const status = document.getElementById('row-status');
  if (status) status.textContent = (template.dataset.added ?? '').replace('{row}', legend?.textContent ?? '');
}

document.querySelectorAll<HTMLButtonElement>('button.pw-add-row').forEach((button) => {
  const form = button.form;
  const template = form?.querySelector<HTMLTemplateElement>(`template[data-row="${button.value}"]`);
  const count = form?.querySelector<HTMLInputElement>(`input[name="rows.${button.value}"]`);
  if (template && count) button.addEventListener('click', (event) => addRow(button, template, count, event));
});
