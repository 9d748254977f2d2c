import { describe, expect, it } from 'vitest';
import { DataTable } from './data-table';

const rows = [
  { month: '2026-11', count: 1200, link: '/a' },
  { month: '2026-12', count: 7, link: '/b' },
];

const render = (el: unknown) => String(el);

describe('DataTable', () => {
  it('labels every cell with its column so phones can show rows as cards', () => {
    const html = render(
      <DataTable
        caption="Over time"
        captionHidden
        rows={rows}
        columns={[
          { label: 'Month', cell: (r) => r.month, rowHeader: true },
          { label: 'Total', cell: (r) => r.count, numeric: true },
          { label: 'Open', cell: (r) => <a href={r.link}>open</a>, labelHidden: true },
        ]}
      />,
    );
    expect(html).toContain('<caption class="pw-visually-hidden">Over time</caption>');
    expect(html).toContain('<th scope="col">Month</th><th scope="col" class="pw-num">Total</th>');
    expect(html).toContain('<th scope="col"><span class="pw-visually-hidden">Open</span></th>');
    expect(html).toContain(
      '<tr><th scope="row" data-label="Month">2026-11</th><td class="pw-num" data-label="Total">1200</td><td><a href="/a">open</a></td></tr>',
    );
    expect(html.match(/<tbody>.*<\/tbody>/)![0].match(/<tr>/g)).toHaveLength(2);
  });

  it('says so when there is nothing to list, or keeps the headers when no message is given', () => {
    const columns = [{ label: 'Month', cell: (r: (typeof rows)[number]) => r.month }];
    expect(render(<DataTable caption="Over time" rows={[]} columns={columns} empty="Nothing yet" />)).toBe('<p>Nothing yet</p>');
    const bare = render(<DataTable caption="Over time" rows={[]} columns={columns} />);
    expect(bare).toContain('<caption>Over time</caption>');
    expect(bare).toContain('<tbody></tbody>');
  });

  it('escapes what it is given', () => {
    const html = render(<DataTable caption="<b>" rows={[{ v: '<script>' }]} columns={[{ label: '"x"', cell: (r) => r.v }]} />);
    expect(html).not.toContain('<script>');
    expect(html).toContain('data-label="&quot;x&quot;"');
  });
});
