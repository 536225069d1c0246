/**
 * Reads the structure tree (tags) of a tagged PDF as Chromium writes it: every object is plain
 * text (no object streams), so each `N 0 obj <<…>> endobj` holding a `/Type /StructElem` is read
 * for its type (`/S`), alternative text (`/Alt`), parent, page and kids; marked-content ids (MCIDs)
 * stay numbers. Page content streams are inflated to find what is marked as an artifact.
 */
import { inflateSync } from 'node:zlib';

export interface Tag {
  ref: number;
  type: string;
  alt: string | null;
  /** Index of the page (0-based) the element's first content is on, or null. */
  page: number | null;
  kids: Tag[];
  /** Marked-content ids directly under this element. */
  mcids: number[];
}

/** A PDF string literal `( … )` or hex string `< … >` → text (PDFDocEncoding ≈ latin1, or UTF-16BE with a BOM). */
export function pdfString(raw: string): string {
  let bytes: number[];
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    bytes = hex.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? [];
  } else {
    bytes = [];
    const s = raw.slice(1, -1);
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c !== '\\') {
        bytes.push(c.charCodeAt(0));
        continue;
      }
      const n = s[++i]!;
      const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (n in simple) bytes.push(simple[n]!);
      else if (/[0-7]/.test(n)) {
        let oct = n;
        while (oct.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) oct += s[++i];
        bytes.push(Number.parseInt(oct, 8));
      } else if (n === '\r' || n === '\n') {
        if (n === '\r' && s[i + 1] === '\n') i++;
      } else bytes.push(n.charCodeAt(0));
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  }
  return Buffer.from(bytes).toString('latin1');
}

/** The value of `/Key` in a dictionary's text: a string literal (balanced parentheses) or a hex string. */
function stringValue(dict: string, key: string): string | null {
  const at = dict.search(new RegExp(`/${key}\\s*[(<]`));
  if (at < 0) return null;
  let i = dict.indexOf(dict.slice(at).match(/[(<]/)![0], at);
  if (dict[i] === '<') return pdfString(dict.slice(i, dict.indexOf('>', i) + 1));
  const start = i;
  let depth = 0;
  for (; i < dict.length; i++) {
    const c = dict[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) break;
  }
  return pdfString(dict.slice(start, i + 1));
}

/** The objects of a PDF without object streams, by number. */
export function pdfObjects(pdf: Uint8Array): Map<number, string> {
  const text = Buffer.from(pdf).toString('latin1');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(?:^|\n)(\d+) 0 obj\n?([\s\S]*?)\nendobj/g)) objects.set(Number(m[1]), m[2]!);
  return objects;
}

/** The structure tree below the StructTreeRoot. */
export function structureTree(pdf: Uint8Array): Tag[] {
  const objects = pdfObjects(pdf);
  const pages = [...objects.entries()].filter(([, o]) => /\/Type \/Page\b/.test(o)).map(([n]) => n);
  const pageOrder = pageNumbers(objects);
  const read = (ref: number): Tag => {
    const dict = objects.get(ref) ?? '';
    const kidsText = /\/K\s*(\[[^\]]*\]|\d+ 0 R|\d+)/.exec(dict)?.[1] ?? '';
    const kids: Tag[] = [];
    const mcids: number[] = [];
    for (const k of kidsText.replace(/^\[|\]$/g, '').matchAll(/(\d+) 0 R|(\d+)/g)) {
      if (k[1]) {
        const child = objects.get(Number(k[1])) ?? '';
        if (/\/Type \/StructElem/.test(child)) kids.push(read(Number(k[1])));
        else if (/\/Type \/MCR/.test(child)) mcids.push(Number(/\/MCID (\d+)/.exec(child)?.[1]));
      } else mcids.push(Number(k[2]));
    }
    const pg = /\/Pg (\d+) 0 R/.exec(dict)?.[1];
    return {
      ref,
      type: /\/S \/(\w+)/.exec(dict)?.[1] ?? '',
      alt: stringValue(dict, 'Alt'),
      page: pg ? (pageOrder.get(Number(pg)) ?? null) : null,
      kids,
      mcids,
    };
  };
  void pages;
  const root = [...objects.values()].find((o) => /\/Type \/StructTreeRoot/.test(o));
  const top = root ? /\/K\s*(\[[^\]]*\]|\d+ 0 R)/.exec(root)?.[1] : undefined;
  if (!top) return [];
  return [...top.matchAll(/(\d+) 0 R/g)].map((m) => read(Number(m[1])));
}

/** Page object number → 0-based page index, in the order of the page tree. */
function pageNumbers(objects: Map<number, string>): Map<number, number> {
  const order = new Map<number, number>();
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o)) ?? '';
  const walk = (ref: number) => {
    const node = objects.get(ref) ?? '';
    if (/\/Type \/Pages/.test(node)) {
      const kids = /\/Kids \[([^\]]*)\]/.exec(node)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else order.set(ref, order.size);
  };
  const root = /\/Pages (\d+) 0 R/.exec(catalog)?.[1];
  if (root) walk(Number(root));
  return order;
}

/** Every tag below `tags`, depth first (reading order). */
export function flatten(tags: Tag[]): Tag[] {
  return tags.flatMap((t) => [t, ...flatten(t.kids)]);
}

/**
 * The decoded content streams of each page, in page order (Flate only, as Chromium writes them).
 */
export function pageContents(pdf: Uint8Array): string[] {
  const buffer = Buffer.from(pdf);
  const objects = pdfObjects(pdf);
  const order = pageNumbers(objects);
  const out: string[] = [];
  for (const [ref, index] of order) {
    const page = objects.get(ref) ?? '';
    const refs = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
    out[index] = refs.map((r) => streamOf(buffer, r)).join('\n');
  }
  return out;
}

function streamOf(buffer: Buffer, ref: number): string {
  const text = buffer.toString('latin1');
  const at = text.search(new RegExp(`(?:^|\\n)${ref} 0 obj\\b`));
  if (at < 0) return '';
  const head = text.indexOf('stream', at);
  const length = Number(/\/Length (\d+)/.exec(text.slice(at, head))?.[1] ?? 0);
  let start = head + 'stream'.length;
  if (text[start] === '\r') start++;
  if (text[start] === '\n') start++;
  const raw = buffer.subarray(start, start + length);
  const flate = /\/Filter \/FlateDecode/.test(text.slice(at, head));
  return (flate ? inflateSync(raw) : raw).toString('latin1');
}
