/**
 * Text widths in Noto Sans, the one font of every chart and report: advance widths in thousandths
 * of an em for printable ASCII and the few other characters names and labels use, regular (400)
 * and bold (700), as Chromium measures them with the report's embedded @fontsource/noto-sans files
 * (test/text-width.test.ts measures them again and fails when the font changes). '→' is not
 * in the embedded subsets: chart text never uses it. Used to place
 * map labels and, through `vega.textMetrics`, by Vega for legends, axis labels and truncation, so
 * that a label's box is its real width rather than Vega's estimate of 0.8 em per character.
 * Characters outside the table count as a wide letter (0.62 em); kerning is ignored (it narrows
 * a word by a few per cent at most).
 */

export const MEASURED_CHARS =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~–—…·’‘“”éèáíóúñç';

const REGULAR = [
  260, 269, 408, 646, 572, 831, 732, 225, 300, 300, 551, 572, 268, 322, 268, 372, 572, 572, 572, 572, 572, 572, 572, 572, 572, 572, 268,
  268, 572, 572, 572, 434, 899, 639, 650, 632, 730, 556, 519, 728, 741, 339, 273, 619, 524, 907, 760, 781, 605, 781, 622, 549, 556, 731,
  600, 930, 586, 566, 572, 329, 372, 329, 572, 444, 281, 561, 615, 480, 615, 564, 344, 615, 618, 258, 258, 534, 258, 935, 618, 605, 615,
  615, 413, 479, 361, 618, 508, 786, 529, 510, 470, 380, 551, 380, 572, 500, 1000, 791, 268, 175, 175, 359, 359, 564, 564, 561, 258, 605,
  618, 618, 480,
];

const BOLD = [
  260, 282, 479, 646, 572, 902, 750, 266, 339, 339, 542, 572, 285, 320, 281, 415, 572, 572, 572, 572, 572, 572, 572, 572, 572, 572, 281,
  285, 572, 572, 572, 477, 898, 692, 665, 642, 732, 560, 549, 724, 765, 389, 331, 664, 559, 943, 813, 791, 621, 791, 656, 551, 577, 756,
  650, 967, 670, 626, 579, 331, 415, 331, 572, 411, 365, 599, 632, 516, 632, 597, 387, 632, 650, 299, 298, 620, 298, 975, 650, 625, 632,
  632, 447, 502, 434, 650, 571, 856, 578, 571, 493, 394, 551, 394, 572, 500, 1000, 855, 281, 217, 217, 445, 445, 597, 597, 599, 299, 625,
  650, 650, 516,
];

const OTHER = 620;
const widths = (table: number[]) => new Map([...MEASURED_CHARS].map((ch, i) => [ch, table[i]!]));
const regular = widths(REGULAR);
const bold = widths(BOLD);

/** Width in pixels of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number, isBold = false): number {
  const table = isBold ? bold : regular;
  let sum = 0;
  for (const ch of text) sum += table.get(ch) ?? OTHER;
  return (sum * fontSize) / 1000;
}

/** Whether a CSS/Vega font weight is drawn bold. */
export const isBoldWeight = (weight: unknown) => weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600);
