/**
 * The workbench over HTTP: who may call it (a token per start, this server's own Host and
 * Origin), where it may read and write (the workspace only, by real path), what it refuses
 * (`..` in any path, an upload over the CLI's size limit), and that a case folder is left intact
 * by every refused action. Also the fixes it saves and the inspection's accounting, on the
 * sample's files.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCase } from '../pipeline/config.ts';
import { formatError, JejaringError } from '../pipeline/errors.ts';
import { inspectRound } from '../pipeline/ingest/inspect.ts';
import { ingest } from '../pipeline/ingest.ts';
import { PdfPrinter } from '../pipeline/pdf.ts';
import { type Studio, startStudio } from '../pipeline/studio/server.ts';
import { tempDir, tr } from './helpers.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: { error?: string; code?: string; [key: string]: unknown };
}

/** One request with any headers (Host included), body as given. */
function call(studio: Studio, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: studio.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = {};
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Every file of a folder with its hash: equal before and after means nothing was changed, added or removed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) visit(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  visit(dir);
  return out;
}

describe('the workbench over HTTP', () => {
  let studio: Studio;
  let workspace: string;
  let outside: string;
  let printer: PdfPrinter;
  const own = () => ({ Cookie: `jejaring-studio-${studio.port}=${studio.token}`, Origin: `http://127.0.0.1:${studio.port}` });
  const json = (value: unknown) => ({ ...own(), 'Content-Type': 'application/json', body: JSON.stringify(value) });
  const post = (path: string, value: unknown) => {
    const { body, ...headers } = json(value);
    return call(studio, path, { method: 'POST', headers, body });
  };

  beforeAll(async () => {
    workspace = tempDir();
    outside = tempDir();
    cpSync('data/sample-kobo', join(workspace, 'kobo'), { recursive: true });
    writeFileSync(join(outside, 'secret.txt'), 'not for the page\n');
    cpSync('data/sample', join(outside, 'elsewhere'), { recursive: true });
    // a case folder that is a symlink to a folder outside the workspace
    symlinkSync(join(outside, 'elsewhere'), join(workspace, 'linked'));
    printer = new PdfPrinter({ browser: null, date: null });
    studio = await startStudio({ workspace, port: 0, printer });
  });

  afterAll(async () => {
    await studio?.close();
    await printer?.close();
  });

  describe('security', () => {
    it('listens on 127.0.0.1 and prints an address with a token of its own', () => {
      expect(studio.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${studio.port}/\\?token=[A-Za-z0-9_-]{32}$`));
    });

    it('without the token: 403 on every kind of request, with the one-line message of the CLI', async () => {
      for (const path of ['/', '/static/studio.js', '/vendor/vega.min.js', '/api/cases', '/api/cases/kobo']) {
        const reply = await call(studio, path);
        expect([path, reply.status]).toEqual([path, 403]);
      }
      const wrong = await call(studio, '/api/cases', { headers: { Cookie: `jejaring-studio-${studio.port}=guess` } });
      expect(wrong.status).toBe(403);
      expect(wrong.json.error).toMatch(/^akses ditolak: .* \[STUDIO_TOKEN\]$/);
      expect(wrong.json.error).not.toContain('\n');
      const token = await call(studio, `/?token=${studio.token}`);
      expect(token.status).toBe(303);
      expect(token.headers['set-cookie']?.[0]).toBe(`jejaring-studio-${studio.port}=${studio.token}; HttpOnly; SameSite=Strict; Path=/`);
      expect((await call(studio, '/api/cases', { headers: own() })).status).toBe(200);
    });

    it('a foreign Host (DNS rebinding) or Origin (cross-site request) is refused even with the cookie', async () => {
      const rebound = await call(studio, '/api/cases', { headers: { ...own(), Host: `evil.example:${studio.port}` } });
      expect([rebound.status, rebound.json.code]).toEqual([403, 'STUDIO_HOST']);
      const foreign = await call(studio, '/api/cases', { headers: { ...own(), Origin: 'http://evil.example' } });
      expect([foreign.status, foreign.json.code]).toEqual([403, 'STUDIO_ORIGIN']);
      const before = snapshot(workspace);
      const { Cookie } = own();
      const noOrigin = await call(studio, '/api/cases', { method: 'POST', headers: { Cookie }, body: '{"group":"X"}' });
      expect([noOrigin.status, noOrigin.json.code]).toEqual([403, 'STUDIO_ORIGIN']);
      const crossSite = await call(studio, '/api/cases', { method: 'POST', headers: { Cookie, Origin: 'null' }, body: '{"group":"X"}' });
      expect(crossSite.status).toBe(403);
      expect(snapshot(workspace)).toEqual(before);
    });

    it('refuses `..` in any path, encoded or not, and leaves the case folder intact', async () => {
      const before = snapshot(join(workspace, 'kobo'));
      const paths = [
        '/static/../package.json',
        '/static/..%2F..%2Fpackage.json',
        '/vendor/%2e%2e/%2e%2e/package.json',
        '/api/cases/..%2F..%2Fetc',
        '/api/cases/%2e%2e/rounds/pra',
        '/api/cases/kobo/reports/internal/../../../actors.csv',
        '/api/cases/kobo/reports/internal/charts%2F..%2F..%2Fcase.yaml',
        '/api/cases/kobo/questionnaire/..%2Fcase.yaml',
        '/api/cases/kobo%5C..%5C..%5Csecret/rounds/pra',
      ];
      for (const path of paths) {
        const reply = await call(studio, path, { headers: own() });
        expect([path, reply.status, reply.json.code]).toEqual([path, 403, 'STUDIO_PATH']);
      }
      for (const path of [
        '/api/cases/..%2F..%2Fetc/rounds?name=x.csv',
        '/api/cases/kobo/rounds?name=..%2F..%2F..%2Fx.csv',
        '/api/cases/kobo/rounds?name=..%5C..%5Cx.csv',
      ]) {
        const reply = await call(studio, path, { method: 'PUT', headers: own(), body: 'a,b\n' });
        expect([path, reply.status]).toEqual([path, 403]);
      }
      expect(snapshot(join(workspace, 'kobo'))).toEqual(before);
    });

    it('reads and writes nothing outside the workspace, by real path: a symlinked case folder is refused', async () => {
      const before = snapshot(outside);
      const read = await call(studio, '/api/cases/linked', { headers: own() });
      expect([read.status, read.json.code]).toEqual([403, 'STUDIO_PATH']);
      const write = await post('/api/cases/linked/alias', { alias: 'x', actor: 'm01' });
      expect(write.status).toBe(403);
      const cases = await call(studio, '/api/cases', { headers: own() });
      expect((cases.json.cases as { name: string }[]).map((c) => c.name)).toEqual(['kobo']);
      expect(snapshot(outside)).toEqual(before);
    });

    it('stores an upload only inside the case folder, under a sanitised name, never over another file', async () => {
      const body = readFileSync('data/sample-kobo/exports/02-pasca.csv');
      const name = encodeURIComponent('ekspor kobo (1).csv');
      const first = await call(studio, `/api/cases/kobo/rounds?name=${name}`, { method: 'PUT', headers: own(), body });
      expect(first.status).toBe(200);
      const second = await call(studio, `/api/cases/kobo/rounds?name=${name}`, { method: 'PUT', headers: own(), body });
      expect(second.status).toBe(200);
      const files = readdirSync(join(workspace, 'kobo/exports')).sort();
      expect(files).toEqual(['01-pra.csv', '02-pasca.csv', 'ekspor-kobo-1-2.csv', 'ekspor-kobo-1.csv']);
      expect(readFileSync(join(workspace, 'kobo/exports/ekspor-kobo-1.csv')).equals(body)).toBe(true);
      const spec = parse(readFileSync(join(workspace, 'kobo/case.yaml'), 'utf8'));
      expect(spec.rounds.map((r: { file: string }) => r.file)).toContain('exports/ekspor-kobo-1-2.csv');
      // the earlier case.yaml is kept, the comments of the current one too
      expect(readdirSync(join(workspace, 'kobo/riwayat'))).toEqual(['case-2.yaml', 'case.yaml']);
      expect(readFileSync(join(workspace, 'kobo/case.yaml'), 'utf8')).toContain('# Shared editions');
      // the rounds leave the list again; their files stay
      for (const r of [first, second]) expect((await post(`/api/cases/kobo/rounds/${r.json.round}`, { drop: true })).status).toBe(200);
      expect(existsSync(join(workspace, 'kobo/exports/ekspor-kobo-1.csv'))).toBe(true);
      expect(parse(readFileSync(join(workspace, 'kobo/case.yaml'), 'utf8')).rounds).toHaveLength(2);
    });

    it('refuses an upload over the CLI size limit before keeping any of it', async () => {
      const previous = process.env.JEJARING_MAX_FILE_MB;
      process.env.JEJARING_MAX_FILE_MB = '1';
      try {
        const before = snapshot(join(workspace, 'kobo'));
        const big = Buffer.alloc(1024 * 1024 + 10, 'a');
        for (const path of ['/api/cases/kobo/rounds?name=big.csv', '/api/cases/kobo/roster?name=actors.csv']) {
          const reply = await call(studio, path, { method: 'PUT', headers: own(), body: big });
          expect([reply.status, reply.json.code]).toEqual([413, 'FILE_TOO_LARGE']);
          const name = path.split('=')[1]!;
          const cli = formatError(new JejaringError('FILE_TOO_LARGE', { size: 1, limit: 1 }, { file: name }), tr);
          expect(reply.json.error).toBe(cli);
        }
        expect(snapshot(join(workspace, 'kobo'))).toEqual(before);
      } finally {
        if (previous === undefined) delete process.env.JEJARING_MAX_FILE_MB;
        else process.env.JEJARING_MAX_FILE_MB = previous;
      }
    });

    it('a file type it does not read is refused, and so is a report file outside the list', async () => {
      const before = snapshot(join(workspace, 'kobo'));
      const exe = await call(studio, '/api/cases/kobo/rounds?name=ekspor.exe', { method: 'PUT', headers: own(), body: 'MZ' });
      expect([exe.status, exe.json.code]).toEqual([400, 'STUDIO_FILE_TYPE']);
      const other = await call(studio, '/api/cases/kobo/reports/internal/.jejaring-secret', { headers: own() });
      expect([other.status, other.json.code]).toEqual([403, 'STUDIO_PATH']);
      expect(snapshot(join(workspace, 'kobo'))).toEqual(before);
    });
  });

  describe('fixes saved where they belong', () => {
    it('an unread column of a long file goes to the round import.columns; the file itself is untouched', async () => {
      const created = await post('/api/cases', { group: 'KUBE Mawar', kelurahan: 'Sukamiskin' });
      expect(created.json.name).toBe('kube-mawar');
      const roster = readFileSync('data/sample/actors.csv');
      expect(
        (await call(studio, '/api/cases/kube-mawar/roster?name=actors.csv', { method: 'PUT', headers: own(), body: roster })).json,
      ).toEqual({
        actors: 34,
      });
      const long = readFileSync('data/sample/rounds/01-pra.csv', 'utf8').replace(/^([^\n]*)trust/, '$1nilai_percaya');
      const added = await call(studio, '/api/cases/kube-mawar/rounds?name=pra.csv', { method: 'PUT', headers: own(), body: long });
      const round = added.json.round as string;
      const broken = await call(studio, `/api/cases/kube-mawar/rounds/${round}`, { headers: own() });
      expect(broken.json.errorCode).toBe('COLUMN_MISSING');
      const file = (broken.json.tables as { file: string }[])[0]!.file;
      expect(
        (await post(`/api/cases/kube-mawar/rounds/${round}/column`, { table: file, column: 'nilai_percaya', field: 'trust' })).status,
      ).toBe(200);
      const spec = parse(readFileSync(join(workspace, 'kube-mawar/case.yaml'), 'utf8'));
      expect(spec.rounds[0].import).toEqual({ columns: { trust: 'nilai_percaya' } });
      const read = await call(studio, `/api/cases/kube-mawar/rounds/${round}`, { headers: own() });
      expect(read.json.error).toBeNull();
      expect(read.json.counts).toEqual({ read: 71, kept: 71, corrected: 0, rejected: 0, superseded: 0 });
      expect(readFileSync(join(workspace, 'kube-mawar/exports/pra.csv'), 'utf8')).toBe(long);
      const wrong = await post(`/api/cases/kube-mawar/rounds/${round}/column`, { table: file, column: 'nilai_percaya', field: 'known' });
      expect([wrong.status, wrong.json.code]).toEqual([400, 'STUDIO_COLUMN']);
    });

    it('an unknown name becomes a new actor, or an alias; a name on the roster twice is refused', async () => {
      expect((await post('/api/cases/kube-mawar/actors', { name: 'Warung Bu Odah', category: 'pemasaran' })).status).toBe(200);
      expect(readFileSync(join(workspace, 'kube-mawar/actors.csv'), 'utf8')).toMatch(/\n,Warung Bu Odah,,pemasaran,\n$/);
      const twice = await post('/api/cases/kube-mawar/actors', { name: 'Warung Bu Odah', category: 'pemasaran' });
      expect([twice.status, twice.json.code]).toEqual([400, 'ROSTER_NAME_AMBIGUOUS']);
      expect((await post('/api/cases/kube-mawar/alias', { alias: 'Kios Odah', actor: 'warung-odah' })).status).toBe(200);
      const { responses } = { responses: await ingest(loadCase(join(workspace, 'kube-mawar'), tr), tr) };
      expect(responses.actors.find((a) => a.id === 'warung-odah')?.aliases).toEqual(['Kios Odah']);
      // every earlier roster is kept
      expect(readdirSync(join(workspace, 'kube-mawar/riwayat')).filter((f) => f.startsWith('actors'))).toHaveLength(2);
    });

    it('a roster from a spreadsheet: its first sheet becomes actors.csv, the spreadsheet is kept as uploaded', async () => {
      expect((await post('/api/cases', { group: 'KUBE Melati' })).json.name).toBe('kube-melati');
      const { default: Excel } = await import('exceljs');
      const book = new Excel.Workbook();
      const sheet = book.addWorksheet('aktor');
      for (const row of [
        ['id', 'actor', 'category'],
        ['m01', 'Euis Suryani', 'internal'],
        ['dinsos', 'Dinas Sosial', 'permodalan'],
      ])
        sheet.addRow(row);
      const body = Buffer.from(await book.xlsx.writeBuffer());
      const reply = await call(studio, '/api/cases/kube-melati/roster?name=Daftar%20aktor.xlsx', { method: 'PUT', headers: own(), body });
      expect(reply.json).toEqual({ actors: 2 });
      expect(readFileSync(join(workspace, 'kube-melati/actors.csv'), 'utf8')).toBe(
        'id,actor,category\nm01,Euis Suryani,internal\ndinsos,Dinas Sosial,permodalan\n',
      );
      expect(readFileSync(join(workspace, 'kube-melati/Daftar-aktor.xlsx')).equals(body)).toBe(true);
    });

    it('the questionnaire is made from the roster and downloaded', async () => {
      const made = await post('/api/cases/kube-mawar/questionnaire', {});
      expect(made.json.files).toEqual([
        'case-import.yaml',
        'entri-data.csv',
        'entri-data.xlsx',
        'jejaring_kube_mawar.xlsx',
        'kuesioner.html',
        'kuesioner.pdf',
      ]);
      const xlsx = await call(studio, '/api/cases/kube-mawar/questionnaire/jejaring_kube_mawar.xlsx', { headers: own() });
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers['content-disposition']).toBe('attachment; filename="jejaring_kube_mawar.xlsx"');
    });

    it('a warm build is run() with the shared printer: report, PDF and tables under _laporan/<edition>/', async () => {
      const job = await studio.build('kobo', 'kelurahan', 'id');
      while (job.status === 'running') await new Promise((r) => setTimeout(r, 50));
      expect([job.status, job.error, job.notes]).toEqual([
        'done',
        null,
        ['2 putaran, 216 ikatan; 221 baris dibaca: 221 dipakai, 0 dikoreksi, 0 ditolak, 0 digantikan'],
      ]);
      expect(job.step).toMatchObject({ n: 6, total: 6, done: true });
      const folder = join(workspace, '_laporan/kelurahan/kobo');
      expect(readdirSync(folder).sort()).toEqual([
        'charts',
        'data-quality.csv',
        'metrics.json',
        'report.html',
        'report.pdf',
        'tables',
        'tables.xlsx',
      ]);
      const report = await call(studio, '/api/cases/kobo/reports/kelurahan/report.html', { headers: own() });
      expect(report.headers['content-security-policy']).toMatch(/^sandbox/);
      const explore = await call(studio, '/api/cases/kobo/explore/kelurahan', { headers: own() });
      expect((explore.json.rounds as { id: string }[]).map((r) => r.id)).toEqual(['pra', 'pasca']);
    });
  });

  describe('the inspection', () => {
    it('accounts for every row of each round: read = kept + corrected + rejected + superseded, as ingest counts', async () => {
      const config = loadCase('data/sample-google-forms', tr);
      const responses = await ingest(config, tr);
      const counts = await Promise.all(config.rounds.map(async (r) => (await inspectRound(config, r.id, tr)).counts!));
      const sum = (k: keyof (typeof counts)[number]) => counts.reduce((s, c) => s + c[k], 0);
      const known = responses.summary.rowsRead - sum('read');
      expect(known).toBe(readFileSync('data/sample-google-forms/known-ties.csv', 'utf8').trim().split('\n').length - 1);
      for (const c of counts) expect(c.read).toBe(c.kept + c.corrected + c.rejected + c.superseded);
      expect(sum('kept') + sum('corrected')).toBe(responses.summary.rowsKept - responses.knownTies.length);
    });

    it('reads a Kobo XLSX, an ODK zip and a Windows-1252 Excel CSV as the adapters do, repeat tables included', async () => {
      const dir = tempDir();
      cpSync('test/fixtures/formats', dir, { recursive: true });
      const rounds = ['kobo.xlsx', 'odk.csv.zip', 'excel-windows-1252.csv'].map((f, i) => `  - {id: r${i}, label: R${i}, file: ${f}}`);
      writeFileSync(join(dir, 'case.yaml'), `rounds:\n${rounds.join('\n')}\n`);
      const config = loadCase(dir, tr);
      const [xlsx, zip, excel] = await Promise.all(['r0', 'r1', 'r2'].map((id) => inspectRound(config, id, tr)));
      expect([xlsx!.container, xlsx!.format, xlsx!.source, xlsx!.tables.map((t) => t.role)]).toEqual([
        'xlsx',
        'kobo-xlsx',
        'kobo',
        ['main', 'repeat'],
      ]);
      expect([zip!.container, zip!.format, zip!.source, zip!.tables.map((t) => t.role).sort()]).toEqual([
        'zip',
        'odk-zip',
        'odk',
        ['main', 'repeat'],
      ]);
      // a later submission of the same respondent supersedes the earlier one
      expect(xlsx!.counts).toEqual({ read: 9, kept: 8, corrected: 0, rejected: 0, superseded: 1 });
      const repeat = xlsx!.tables.find((t) => t.role === 'repeat')!;
      expect(repeat.columns.find((c) => c.header === 'ikatan/sumber_daya/pemasaran')).toMatchObject({ field: 'resources' });
      expect(repeat.columns.find((c) => c.header === '_parent_index')).toMatchObject({ field: 'key' });
      const [table] = excel!.tables;
      expect([table!.encoding, table!.delimiter, table!.role]).toEqual(['windows-1252', ';', 'long']);
      expect(table!.columns.filter((c) => c.field === null).map((c) => [c.header, c.reason])).toEqual([['catatan', 'unknown']]);
    });

    it('names every column of a Kobo export: the field it feeds and the actor, or why it is not used', async () => {
      const config = loadCase('data/sample-kobo', tr);
      const inspection = await inspectRound(config, 'pra', tr);
      expect([inspection.container, inspection.format, inspection.source]).toEqual(['csv', 'wide', 'kobo']);
      const [table] = inspection.tables;
      expect([table!.encoding, table!.delimiter, table!.rowCount]).toEqual(['utf-8', ';', 12]);
      const use = (header: string) => table!.columns.find((c) => c.header === header);
      expect(use('responden')).toMatchObject({ field: 'respondent', actor: null });
      expect(use('g_m01/kepercayaan_m01')).toMatchObject({ field: 'trust', actor: 'm01' });
      expect(use('g_m01/sumber_daya_m01/pemasaran')).toMatchObject({ field: 'resources', actor: 'm01' });
      expect(use('kenal/w_susi')).toMatchObject({ field: 'known', actor: 'w-susi' });
      expect(use('start')).toMatchObject({ field: null, reason: 'meta' });
      expect(table!.columns.filter((c) => c.field === null && c.reason !== 'meta')).toEqual([]);
    });
  });
});
