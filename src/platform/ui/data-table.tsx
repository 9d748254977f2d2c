import type { Child } from 'hono/jsx';

export interface Column<Row> {
  /** Header text; on phones it also labels each cell, since the header row is not shown there. */
  label: string;
  cell: (row: Row, index: number) => Child;
  /** Counts and rates line up on the right so digits compare at a glance. */
  numeric?: boolean;
  /** The cell names its row (a person, a month): screen readers announce it with every other cell. */
  rowHeader?: boolean;
  /** For columns whose cells explain themselves (a "Revoke" button): the header is for screen readers only. */
  labelHidden?: boolean;
}

/**
 * Every table of records. Below 40em the rows become cards whose cells carry their column's label
 * (from `data-label`, drawn by the stylesheet), so nothing scrolls sideways on a phone and no script runs.
 */
export function DataTable<Row>(props: {
  caption: string;
  /** Most tables sit under a heading that already says what they hold. */
  captionHidden?: boolean;
  columns: Column<Row>[];
  rows: readonly Row[];
  /** Shown instead of the table when there are no rows; without it an empty table keeps its headers. */
  empty?: Child;
  borderless?: boolean;
}) {
  const { columns, rows } = props;
  if (rows.length === 0 && props.empty !== undefined) return <p>{props.empty}</p>;
  return (
    <div class="pw-table-wrap">
      <table class={props.borderless ? 'usa-table usa-table--borderless pw-data-table' : 'usa-table pw-data-table'}>
        <caption class={props.captionHidden ? 'pw-visually-hidden' : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            {columns.map((col) => (
              <th scope="col" class={col.numeric ? 'pw-num' : undefined}>
                {col.labelHidden ? <span class="pw-visually-hidden">{col.label}</span> : col.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr>
              {columns.map((col) => {
                const attrs = { class: col.numeric ? 'pw-num' : undefined, 'data-label': col.labelHidden ? undefined : col.label };
                return col.rowHeader ? (
                  <th scope="row" {...attrs}>
                    {col.cell(row, i)}
                  </th>
                ) : (
                  <td {...attrs}>{col.cell(row, i)}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
