/**
 * The Noto Sans widths of pipeline/charts/text-width.ts against the font itself: Chromium measures
 * every character of the table with the report's embedded @fontsource files, regular and bold,
 * and a few names as whole strings (kerning included).
 */
import { expect, it } from 'vitest';
import { findBrowser } from '../pipeline/browser.ts';
import { MEASURED_CHARS, textWidth } from '../pipeline/charts/text-width.ts';
import { fontCss } from '../pipeline/report.ts';

it('matches what Chromium measures with the embedded Noto Sans', async () => {
  const { default: puppeteer } = await import('puppeteer-core');
  const choice = await findBrowser(null);
  const browser = await puppeteer.launch({ executablePath: choice.executablePath, args: choice.args });
  try {
    const page = await browser.newPage();
    await page.setContent(`<html><head><style>${fontCss()}</style></head><body></body></html>`);
    const names = [
      'Dinas Kesehatan Kota Bandung',
      'Warung Ronal',
      'Kelurahan Karang Pamulang',
      'PUSDIKTEK',
      'Pra-intervensi (refleksi awal)',
    ];
    const measured = await page.evaluate(
      async (chars: string, names: string[]) => {
        await document.fonts.load('400 100px "Noto Sans"');
        await document.fonts.load('700 100px "Noto Sans"');
        const c = document.createElement('canvas').getContext('2d')!;
        const widths = (weight: number, texts: string[]) => {
          c.font = `${weight} 1000px "Noto Sans"`;
          return texts.map((t) => c.measureText(t).width);
        };
        return { regular: widths(400, [...chars]), bold: widths(700, [...chars]), names: widths(400, names) };
      },
      MEASURED_CHARS,
      names,
    );
    const ours = (bold: boolean) => [...MEASURED_CHARS].map((ch) => textWidth(ch, 1000, bold));
    for (const [i, w] of ours(false).entries()) expect(Math.abs(w - measured.regular[i]!), MEASURED_CHARS[i]).toBeLessThan(1);
    for (const [i, w] of ours(true).entries()) expect(Math.abs(w - measured.bold[i]!), MEASURED_CHARS[i]).toBeLessThan(1);
    // whole names within 1 % (Noto Sans kerns a few pairs)
    for (const [i, n] of names.entries()) expect(Math.abs(textWidth(n, 1000) / measured.names[i]! - 1), n).toBeLessThan(0.01);
  } finally {
    await browser.close();
  }
});
