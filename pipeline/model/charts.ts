/**
 * The charts stage's artifacts, as types only: each chart's Vega-Lite spec (charts/<id>.vl.json)
 * and the SVG rendered from it (charts/<id>.svg).
 */
import type { TopLevelSpec } from 'vega-lite';

/** SVG text produced by our own renderer from escaped data: the only markup the report inserts raw. */
export type TrustedSvg = string & { readonly __trusted: 'svg' };

/** A chart before rendering: its id (file name), title, text alternative and spec. */
export interface ChartDef {
  id: string;
  title: string;
  description: string;
  spec: TopLevelSpec;
}

export interface Chart extends ChartDef {
  svg: TrustedSvg;
}
