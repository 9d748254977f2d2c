import { describe, expect, it } from 'vitest';
import { formToInput } from './form-values';

describe('the event form as posted', () => {
  it('takes numbered rows and ignores the add-a-row template or any other shape, never throwing', () => {
    const rows = formToInput({ 'speakers.0.name': 'María José Núñez', 'speakers.__row__.name': '' });
    expect(rows.speakers).toEqual([expect.objectContaining({ name: 'María José Núñez' })]);
    // A client that posts the template's fields (it ignores <template>) or only odd keys gets no rows, not a 500.
    expect(formToInput({ 'speakers.__row__.name': 'x', 'questions.__row__.label.en': 'y', 'links.__row__.url': 'z' })).toMatchObject({
      speakers: [],
      questions: [],
      links: [],
    });
    expect(formToInput({ 'speakers.0': 'not a row' }).speakers).toEqual([]);
  });
});
