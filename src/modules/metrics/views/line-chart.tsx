import { DataTable } from '../../../platform/ui/data-table';

export interface Series {
  label: string;
  values: number[];
}

// Told apart by colour, by dash and by marker shape, so no reader needs the colours alone.
const COLORS = ['#005ea2', '#c05600', '#008817', '#7b2a8a', '#1b1b1b', '#b50909'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];

function Marker(props: { i: number; x: number; y: number; color: string }) {
  const { x, y, color } = props;
  const shape = props.i % 3;
  if (shape === 0) return <circle cx={x} cy={y} r="3.5" fill={color} />;
  if (shape === 1) return <rect x={x - 3.5} y={y - 3.5} width="7" height="7" fill={color} />;
  return <path d={`M${x} ${y - 4.5}L${x + 4.5} ${y + 3.5}L${x - 4.5} ${y + 3.5}Z`} fill={color} />;
}

/**
 * Lines over time drawn on the server as SVG (`role="img"`, a title and a description naming every
 * value), one per series, with a legend and the same figures in a table beside it: readable without
 * JavaScript, to a screen reader and on a phone.
 */
export function LineChart(props: {
  id: string;
  title: string;
  description: string;
  periodColumn: string;
  periods: string[];
  series: Series[];
}) {
  const width = 480;
  const height = 220;
  const left = 36;
  const bottom = 24;
  const top = 10;
  const max = Math.max(1, ...props.series.flatMap((s) => s.values));
  const step = props.periods.length > 1 ? (width - left - 10) / (props.periods.length - 1) : 0;
  const x = (i: number) => left + i * step;
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const desc = props.series.map((s) => `${s.label}: ${s.values.map((v, i) => `${props.periods[i]} ${v}`).join(', ')}`).join('; ');
  return (
    <div class="pw-chart">
      <svg role="img" aria-labelledby={`${props.id}-title ${props.id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%">
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>
          {props.description} {desc}
        </desc>
        <line x1={left} y1={y(0)} x2={width - 10} y2={y(0)} stroke="#565c65" />
        <text x={left - 6} y={y(max) + 4} font-size="11" text-anchor="end" fill="#1b1b1b">
          {max}
        </text>
        <text x={left - 6} y={y(0) + 4} font-size="11" text-anchor="end" fill="#1b1b1b">
          0
        </text>
        {props.periods.map((p, i) =>
          i === 0 || i === props.periods.length - 1 ? (
            <text x={x(i)} y={height - 6} font-size="11" text-anchor={i === 0 ? 'start' : 'end'} fill="#1b1b1b">
              {p}
            </text>
          ) : null,
        )}
        {props.series.map((s, n) => {
          const color = COLORS[n % COLORS.length];
          return (
            <g>
              <polyline
                points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
                fill="none"
                stroke={color}
                stroke-width="2"
                stroke-dasharray={DASHES[n % DASHES.length] || undefined}
              />
              {s.values.map((v, i) => (
                <Marker i={n} x={x(i)} y={y(v)} color={color} />
              ))}
            </g>
          );
        })}
      </svg>
      <ul class="usa-list usa-list--unstyled pw-legend" aria-hidden="true">
        {props.series.map((s, n) => (
          <li>
            <svg width="28" height="10" viewBox="0 0 28 10">
              <line
                x1="0"
                y1="5"
                x2="28"
                y2="5"
                stroke={COLORS[n % COLORS.length]}
                stroke-width="2"
                stroke-dasharray={DASHES[n % DASHES.length] || undefined}
              />
              <Marker i={n} x={14} y={5} color={COLORS[n % COLORS.length]} />
            </svg>{' '}
            {s.label}
          </li>
        ))}
      </ul>
      <DataTable
        caption={props.title}
        captionHidden
        columns={[
          { label: props.periodColumn, cell: (i: number) => props.periods[i], rowHeader: true },
          ...props.series.map((s) => ({ label: s.label, cell: (i: number) => String(s.values[i]), numeric: true })),
        ]}
        rows={props.periods.map((_, i) => i)}
      />
    </div>
  );
}
