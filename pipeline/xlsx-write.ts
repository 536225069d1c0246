/**
 * A small writer of .xlsx packages (Office Open XML spreadsheets, ECMA-376 Part 1), for the report's
 * `tables.xlsx`: sheets of text and numbers, a bold header row, one number format per column,
 * column widths and the first row frozen. Nothing else: no formulas (a text cell is a shared
 * string, so `=HYPERLINK(…)` from data stays text), no dates, no merged cells.
 *
 * Why not exceljs, which reads the survey tools' workbooks: for a 2,000-actor case it took most
 * of a second to load, build its model and zip, and stamps every zip entry with the clock. This
 * writes the XML parts as strings and zips them once with a fixed date (zip-write.ts), so the
 * same tables give the same bytes.
 */
import { zipBytes } from './zip-write.ts';

export type XlsxValue = string | number | null;

/** A number format as Excel writes it in `styles.xml` (`0`, `0.000`, `0.0%`), or null for General. */
export type XlsxFormat = string | null;

export interface XlsxSheet {
  name: string;
  /** Per column: its width in characters and its number format. */
  columns: { width: number; format: XlsxFormat }[];
  /** The first row is bold; with `freezeHeader` it stays in view when scrolling. */
  rows: XlsxValue[][];
  freezeHeader: boolean;
  /** Column indexes (0-based) whose cells are bold in every row (the about sheet's labels). */
  boldColumns?: number[];
}

export interface XlsxBook {
  creator: string;
  sheets: XlsxSheet[];
}

/** Excel's built-in number formats (ECMA-376 §18.8.30); others get ids from 164. */
const BUILT_IN: Record<string, number> = { '0': 1, '0.00': 2, '0%': 9, '0.00%': 10 };

/** Text as XML character data: markup escaped, characters XML 1.0 forbids written as Excel's `_xHHHH_`. */
function xmlText(text: string): string {
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids them, so they are encoded
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
    )
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** The cell styles: for each (format, bold) pair its index in `cellXfs`; 0 is General, not bold. */
class Styles {
  private readonly formats = new Map<string, number>();
  private readonly xfs: { numFmtId: number; bold: boolean }[] = [{ numFmtId: 0, bold: false }];
  private readonly index = new Map<string, number>([['0:false', 0]]);

  of(format: XlsxFormat, bold: boolean): number {
    let numFmtId = 0;
    if (format !== null) {
      numFmtId = BUILT_IN[format] ?? this.formats.get(format) ?? 164 + this.formats.size;
      if (!(format in BUILT_IN)) this.formats.set(format, numFmtId);
    }
    const key = `${numFmtId}:${bold}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.xfs.length;
      this.xfs.push({ numFmtId, bold });
      this.index.set(key, i);
    }
    return i;
  }

  xml(): string {
    const formats = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`);
    const xfs = this.xfs.map(
      (x) =>
        `<xf numFmtId="${x.numFmtId}" fontId="${x.bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"` +
        `${x.numFmtId ? ' applyNumberFormat="1"' : ''}${x.bold ? ' applyFont="1"' : ''}/>`,
    );
    return (
      `${XML}<styleSheet xmlns="${MAIN}">` +
      (formats.length ? `<numFmts count="${formats.length}">${formats.join('')}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
      '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const PACKAGE_METADATA = `${PACKAGE_REL}/metadata`;
const OFFICE_TYPE = 'application/vnd.openxmlformats-officedocument';
/** A part's content type in [Content_Types].xml. */
const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;

/** The shared strings table: each distinct text once, cells refer to it by index. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  count = 0;

  of(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(text, i);
    }
    return i;
  }

  xml(): string {
    const items = [...this.index.keys()].map((t) => `<si><t${/^\s|\s$|\n/.test(t) ? ' xml:space="preserve"' : ''}>${xmlText(t)}</t></si>`);
    return `${XML}<sst xmlns="${MAIN}" count="${this.count}" uniqueCount="${items.length}">${items.join('')}</sst>`;
  }
}

function sheetXml(sheet: XlsxSheet, styles: Styles, strings: SharedStrings): string {
  const bold = new Set(sheet.boldColumns ?? []);
  const columnStyle = sheet.columns.map((c, i) => styles.of(c.format, bold.has(i)));
  const cols = sheet.columns.map(
    (c, i) =>
      `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${columnStyle[i] ? ` style="${columnStyle[i]}"` : ''}/>`,
  );
  const rows = sheet.rows.map((row, r) => {
    const cells: string[] = [];
    row.forEach((value, c) => {
      if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return;
      const style = r === 0 ? styles.of(sheet.columns[c]?.format ?? null, true) : (columnStyle[c] ?? 0);
      const ref = `${columnName(c)}${r + 1}`;
      const s = style ? ` s="${style}"` : '';
      if (typeof value === 'number') cells.push(`<c r="${ref}"${s}><v>${value}</v></c>`);
      else cells.push(`<c r="${ref}"${s} t="s"><v>${strings.of(value)}</v></c>`);
    });
    return `<row r="${r + 1}">${cells.join('')}</row>`;
  });
  const view = sheet.freezeHeader
    ? '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>'
    : '<sheetView workbookViewId="0"/>';
  return (
    `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews>${view}</sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols.length ? `<cols>${cols.join('')}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData></worksheet>`
  );
}

/** The package's bytes: the same book gives the same bytes. */
export function xlsxBytes(book: XlsxBook): Uint8Array {
  const styles = new Styles();
  const strings = new SharedStrings();
  const sheets = book.sheets.map((s) => sheetXml(s, styles, strings));
  const enc = new TextEncoder();
  const files: [string, Uint8Array][] = [];
  const put = (path: string, text: string) => files.push([path, enc.encode(text)]);
  put(
    '[Content_Types].xml',
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      override('/xl/workbook.xml', `${OFFICE_TYPE}.spreadsheetml.sheet.main+xml`) +
      sheets.map((_, i) => override(`/xl/worksheets/sheet${i + 1}.xml`, `${OFFICE_TYPE}.spreadsheetml.worksheet+xml`)).join('') +
      override('/xl/styles.xml', `${OFFICE_TYPE}.spreadsheetml.styles+xml`) +
      override('/xl/sharedStrings.xml', `${OFFICE_TYPE}.spreadsheetml.sharedStrings+xml`) +
      override('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
      override('/docProps/app.xml', `${OFFICE_TYPE}.extended-properties+xml`) +
      '</Types>',
  );
  put(
    '_rels/.rels',
    `${XML}<Relationships xmlns="${PACKAGE_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="${PACKAGE_METADATA}/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
      '</Relationships>',
  );
  put(
    'docProps/core.xml',
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
      'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>' +
      xmlText(book.creator) +
      '</dc:creator></cp:coreProperties>',
  );
  put(
    'docProps/app.xml',
    `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
      `<Application>${xmlText(book.creator)}</Application></Properties>`,
  );
  put(
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>` +
      book.sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
  );
  const n = sheets.length;
  put(
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="${PACKAGE_REL}">` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>',
  );
  for (const [i, xml] of sheets.entries()) put(`xl/worksheets/sheet${i + 1}.xml`, xml);
  put('xl/styles.xml', styles.xml());
  put('xl/sharedStrings.xml', strings.xml());
  return zipBytes(files);
}
