/**
 * The charts stage's artifacts, as types only: each chart's Vega-Lite spec (charts/<id>.vl.json)
 * and the SVG rendered from it (charts/<id>.svg).
 */
import type { TopLevelSpec } from 'vega-lite';

/** SVG text produced by our own renderer from escaped data: the only markup the report inserts raw. */
export type TrustedSvg = string & { readonly __trusted: 'svg' };

/** What a chart draws, as a table (charts/table.ts): formatted cells, the first column names the row. */
export interface ChartTable {
  columns: string[];
  /** Per column: right-aligned numbers. */
  numeric: boolean[];
  rows: string[][];
}

/**
 * A chart before rendering: its id (file name), title, what is drawn (`description`), its text
 * alternative (`alt`: the finding in a sentence, then the description), its data table and spec.
 */
export interface ChartDef {
  id: string;
  title: string;
  description: string;
  alt: string;
  table: ChartTable;
  spec: TopLevelSpec;
  /**
   * Written as a spec only, with no SVG: a chart the edition's report does not show but the
   * workbench's explorer draws from its spec (each round's network map in a shared edition).
   */
  specOnly?: true;
}

export interface Chart extends ChartDef {
  /** Null for a spec-only chart. */
  svg: TrustedSvg | null;
}
