import { DataTable } from '../../../platform/ui/data-table';

export interface Bar {
  label: string;
  /** Null: hidden from this reader, or nothing to show; drawn as no bar, named in the table. */
  value: number | null;
  shown: string;
}

/**
 * A bar chart drawn on the server as SVG (`role="img"`, a title and a description), with the same
 * figures in a table beside it, so it reads without JavaScript, to a screen reader and on a phone.
 */
export function BarChart(props: { id: string; title: string; description: string; labelColumn: string; valueColumn: string; bars: Bar[] }) {
  const rowHeight = 28;
  const labelWidth = 150;
  const width = 480;
  const max = Math.max(1, ...props.bars.map((b) => b.value ?? 0));
  const height = Math.max(1, props.bars.length) * rowHeight + 8;
  const cut = (s: string) => (s.length > 22 ? `${s.slice(0, 21)}…` : s);
  return (
    <div class="pw-chart">
      <svg
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>
          {props.description} {props.bars.map((b) => `${b.label}: ${b.shown}`).join('; ')}
        </desc>
        {props.bars.map((b, i) => {
          const y = i * rowHeight + 4;
          const w = b.value === null ? 0 : Math.max(b.value > 0 ? 2 : 0, ((width - labelWidth - 60) * b.value) / max);
          return (
            <g>
              <text x="0" y={y + 18} font-size="13" fill="#1b1b1b">
                {cut(b.label)}
              </text>
              <rect x={labelWidth} y={y + 4} width={w} height={rowHeight - 10} fill="#005ea2" />
              <text x={labelWidth + w + 6} y={y + 18} font-size="13" fill="#1b1b1b">
                {b.shown}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable
        caption={props.title}
        captionHidden
        columns={[
          { label: props.labelColumn, cell: (b: Bar) => b.label, rowHeader: true },
          { label: props.valueColumn, cell: (b: Bar) => b.shown, numeric: true },
        ]}
        rows={props.bars}
      />
    </div>
  );
}
