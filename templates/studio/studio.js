// The workbench page: plain JavaScript, no build step. Every word comes from the locale files
// (GET /api/words); every value from data is set as text (never as HTML).
'use strict';

const state = { lang: localStorage.getItem('jejaring-lang') || 'id', words: null, mappable: null, audiences: [] };

// ---- words and elements -------------------------------------------------------------------------

function t(key, params) {
  let node = state.words.studio;
  for (const part of key.split('.')) node = node?.[part];
  if (typeof node !== 'string') return key;
  return node.replace(/\{(\w+)\}/g, (whole, name) => (params && name in params ? String(params[name]) : whole));
}
const category = (c) => state.words.category[c] ?? c;

/** An element: h('p', { class: 'x', onclick }, 'text', child, …). Strings become text nodes. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** Replace an element's children, leaving out the empty ones (replaceChildren would write "null"). */
function fill(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

function showMessage(text, kind = 'error') {
  const box = document.getElementById('message');
  box.textContent = text;
  box.className = `message ${kind}`;
  box.hidden = !text;
  if (text) box.scrollIntoView({ block: 'nearest' });
}

// ---- the server ---------------------------------------------------------------------------------

async function api(method, path, body, file) {
  const init = { method, headers: { 'X-Jejaring-Lang': state.lang }, credentials: 'same-origin' };
  if (file) init.body = file;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, init);
  const value = await res.json().catch(() => ({ error: `${res.status}` }));
  if (!res.ok) throw new Error(value.error ?? String(res.status));
  return value;
}

/** Run what the user asked for: the last message goes, an error is shown as the one line the server sent. */
async function attempt(action) {
  showMessage('');
  return load(action);
}

/** Load what a view shows: a message on screen stays (it says what the last action did), an error replaces it. */
async function load(action) {
  try {
    return await action();
  } catch (error) {
    showMessage(error.message);
    return undefined;
  }
}

const enc = encodeURIComponent;

// ---- routing ------------------------------------------------------------------------------------

async function loadWords() {
  const value = await api('GET', '/api/words');
  state.words = value.words;
  state.mappable = value.mappable;
  state.audiences = value.audiences;
  document.documentElement.lang = state.lang;
  document.title = t('title');
  document.getElementById('subtitle').textContent = t('subtitle');
  const langs = document.getElementById('langs');
  fill(langs, 
    ...['id', 'en'].map((l) =>
      h(
        'button',
        {
          type: 'button',
          class: l === state.lang ? 'lang on' : 'lang',
          'aria-pressed': l === state.lang ? 'true' : 'false',
          onclick: async () => {
            state.lang = l;
            localStorage.setItem('jejaring-lang', l);
            await loadWords();
            route();
          },
        },
        t(`lang.${l}`),
      ),
    ),
  );
}

function route() {
  const hash = location.hash.replace(/^#/, '');
  const match = /^\/case\/([^/]+)(?:\/round\/([^/]+))?$/.exec(hash);
  if (match) return caseView(decodeURIComponent(match[1]), match[2] ? decodeURIComponent(match[2]) : null);
  return casesView();
}

window.addEventListener('hashchange', () => {
  showMessage('');
  route();
});

// ---- the list of cases --------------------------------------------------------------------------

async function casesView() {
  const app = document.getElementById('app');
  const value = await load(() => api('GET', '/api/cases'));
  if (!value) return;
  const list = value.cases.map((c) =>
    h(
      'li',
      { class: 'case-card' },
      h('a', { href: `#/case/${enc(c.name)}`, class: 'case-name' }, c.group),
      h('div', { class: 'muted' }, c.place || c.name),
      h(
        'div',
        { class: 'case-facts' },
        h('span', {}, t('cases.rounds', { n: c.rounds.length })),
        c.rounds.length > 0 ? h('span', { class: 'muted' }, c.rounds.map((r) => r.label).join(' · ')) : null,
      ),
      h(
        'div',
        { class: 'case-facts' },
        c.reports.length === 0
          ? h('span', { class: 'muted' }, t('cases.noReport'))
          : c.reports.map((r) => h('span', { class: 'pill' }, t('cases.report', { edition: t(`edition.${r.audience}`), date: shortTime(r.built) }))),
      ),
      c.problem ? h('p', { class: 'problem' }, c.problem) : null,
      !c.hasRoster ? h('p', { class: 'hint' }, t('cases.needsRoster')) : null,
      c.quality && c.quality.error + c.quality.warning > 0
        ? h('p', { class: 'hint' }, t('cases.quality', { errors: c.quality.error, warnings: c.quality.warning }))
        : null,
    ),
  );
  const fields = ['group', 'rw', 'kelurahan', 'kecamatan', 'kota'];
  const form = h(
    'form',
    {
      class: 'card new-case',
      onsubmit: async (event) => {
        event.preventDefault();
        const data = Object.fromEntries(new FormData(event.target));
        const made = await attempt(() => api('POST', '/api/cases', data));
        if (made) location.hash = `#/case/${enc(made.name)}`;
      },
    },
    h('h2', {}, t('cases.new')),
    h(
      'div',
      { class: 'grid-form' },
      fields.map((f) =>
        h('label', {}, h('span', {}, t(`cases.field.${f}`)), h('input', { name: f, required: f === 'group', autocomplete: 'off', id: `new-${f}` })),
      ),
    ),
    h('button', { type: 'submit', class: 'primary', id: 'create-case' }, t('cases.create')),
  );
  fill(app, 
    h('section', { class: 'intro' }, h('h1', {}, t('cases.title')), h('p', { class: 'muted' }, t('cases.workspace', { path: value.workspace }))),
    list.length > 0 ? h('ul', { class: 'cases' }, list) : h('p', { class: 'muted' }, t('cases.none')),
    form,
  );
}

function shortTime(iso) {
  const d = new Date(iso);
  return new Intl.DateTimeFormat(state.lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

// ---- one case -----------------------------------------------------------------------------------

async function caseView(name, roundId) {
  const app = document.getElementById('app');
  const value = await load(() => api('GET', `/api/cases/${enc(name)}`));
  if (!value) return;
  const { summary, roster } = value;
  const refresh = () => caseView(name, roundId);
  const nav = h(
    'nav',
    { class: 'case-nav', 'aria-label': t('case.sections') },
    ['roster', 'questionnaire', 'rounds', 'build', 'explore'].map((s) => h('a', { href: `#/case/${enc(name)}`, 'data-target': s, onclick: jump }, t(`case.nav.${s}`))),
  );
  fill(app, 
    h('p', {}, h('a', { href: '#/' }, `← ${t('case.back')}`)),
    h('section', { class: 'intro' }, h('h1', {}, summary.group), h('p', { class: 'muted' }, summary.place || summary.name)),
    summary.problem ? h('p', { class: 'problem' }, summary.problem) : null,
    nav,
    rosterSection(name, roster, refresh),
    questionnaireSection(name, roster.actors.length > 0),
    roundsSection(name, summary, roundId, refresh),
    buildSection(name, summary),
    exploreSection(name, summary),
  );
  if (roundId) document.getElementById('inspection')?.scrollIntoView({ block: 'start' });
}

function jump(event) {
  event.preventDefault();
  document.getElementById(`section-${event.target.dataset.target}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function card(id, title, ...children) {
  return h('section', { class: 'card', id: `section-${id}` }, h('h2', {}, title), ...children);
}

function upload(id, label, accept, onfile) {
  const input = h('input', { type: 'file', id, accept, class: 'file' });
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (file) await onfile(file);
    input.value = '';
  });
  return h('label', { class: 'upload', for: id }, h('span', { class: 'button' }, label), input);
}

const LEVEL_ORDER = { error: 0, warning: 1, info: 2 };
const SHOWN = 12;

/** The data-quality entries, rejected first; past the first few, the rest behind one button. */
function qualityTable(entries, fix) {
  if (entries.length === 0) return h('p', { class: 'ok' }, t('quality.none'));
  const sorted = [...entries].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || (a.line ?? 0) - (b.line ?? 0));
  const counts = ['error', 'warning', 'info'].map((l) => [l, sorted.filter((e) => e.level === l).length]).filter(([, n]) => n > 0);
  const body = h('tbody');
  const row = (e) =>
    h(
      'tr',
      { class: `level-${e.level}`, 'data-code': e.code },
      h('td', {}, h('span', { class: `badge ${e.level}` }, t(`level.${e.level}`))),
      h('td', { class: 'num' }, e.line ?? '–'),
      h('td', { class: 'mono' }, e.column ?? '–'),
      h('td', {}, e.message),
      fix ? h('td', {}, fix(e)) : null,
    );
  const more = h('button', { type: 'button', class: 'quiet', onclick: () => show(sorted.length) }, t('quality.all', { n: sorted.length }));
  const show = (n) => {
    body.replaceChildren(...sorted.slice(0, n).map(row));
    more.hidden = n >= sorted.length;
  };
  show(SHOWN);
  return h(
    'div',
    {},
    h('p', { class: 'quality-summary' }, counts.map(([l, n]) => h('span', { class: `badge ${l}` }, `${n} ${t(`level.${l}`)}`))),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'quality' },
        h('thead', {}, h('tr', {}, ['level', 'line', 'column', 'message', ...(fix ? ['fix'] : [])].map((c) => h('th', {}, t(`quality.${c}`))))),
        body,
      ),
    ),
    more,
  );
}

// ---- roster ---------------------------------------------------------------------------------------

function rosterSection(name, roster, refresh) {
  const rows = Array.from({ length: roster.actors.length === 0 ? 4 : 2 }, () => ({}));
  const categories = Object.keys(state.words.category);
  const grid = h(
    'form',
    {
      class: 'roster-grid',
      onsubmit: async (event) => {
        event.preventDefault();
        const data = [...event.target.querySelectorAll('tbody tr')].map((tr) =>
          Object.fromEntries([...tr.querySelectorAll('input, select')].map((i) => [i.name, i.value])),
        );
        const done = await attempt(() => api('POST', `/api/cases/${enc(name)}/roster`, { rows: data }));
        if (done) refresh();
      },
    },
    h('h3', {}, t('roster.type')),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ['actor', 'id', 'type', 'category', 'aliases'].map((c) => h('th', {}, t(`roster.column.${c}`))))),
        h(
          'tbody',
          {},
          rows.map((_, i) =>
            h(
              'tr',
              {},
              h('td', {}, h('input', { name: 'actor', 'aria-label': `${t('roster.column.actor')} ${i + 1}` })),
              h('td', {}, h('input', { name: 'id', size: 6, 'aria-label': `${t('roster.column.id')} ${i + 1}` })),
              h('td', {}, h('input', { name: 'type', size: 10, 'aria-label': `${t('roster.column.type')} ${i + 1}` })),
              h(
                'td',
                {},
                h('select', { name: 'category', 'aria-label': `${t('roster.column.category')} ${i + 1}` }, categories.map((c) => h('option', { value: c }, category(c)))),
              ),
              h('td', {}, h('input', { name: 'aliases', 'aria-label': `${t('roster.column.aliases')} ${i + 1}` })),
            ),
          ),
        ),
      ),
    ),
    h('button', { type: 'submit' }, t('roster.save')),
  );
  const table =
    roster.actors.length === 0
      ? h('p', { class: 'muted' }, t('roster.empty'))
      : h(
          'details',
          { class: 'roster-list' },
          h('summary', {}, t('roster.count', { n: roster.actors.length, members: roster.actors.filter((a) => a.member).length })),
          h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              {},
              h('thead', {}, h('tr', {}, ['id', 'actor', 'type', 'category', 'aliases'].map((c) => h('th', {}, t(`roster.column.${c}`))))),
              h(
                'tbody',
                {},
                roster.actors.map((a) =>
                  h('tr', {}, h('td', { class: 'mono' }, a.id), h('td', {}, a.name), h('td', {}, a.type), h('td', {}, category(a.category)), h('td', {}, a.aliases.join('; '))),
                ),
              ),
            ),
          ),
        );
  return card(
    'roster',
    t('roster.title'),
    h('p', { class: 'muted' }, t('roster.help')),
    upload('roster-file', t('roster.upload'), '.csv,.xlsx', async (file) => {
      const done = await attempt(() => api('PUT', `/api/cases/${enc(name)}/roster?name=${enc(file.name)}`, undefined, file));
      if (done) {
        showMessage(t('roster.uploaded', { n: done.actors }), 'ok');
        await refresh();
        showMessage(t('roster.uploaded', { n: done.actors }), 'ok');
      }
    }),
    table,
    roster.quality.length > 0 ? qualityTable(roster.quality) : null,
    grid,
  );
}

// ---- questionnaire --------------------------------------------------------------------------------

function questionnaireSection(name, hasRoster) {
  const links = h('ul', { class: 'links', id: 'questionnaire-files' });
  const button = h(
    'button',
    {
      type: 'button',
      disabled: !hasRoster,
      onclick: async () => {
        button.disabled = true;
        button.textContent = t('questionnaire.working');
        const done = await attempt(() => api('POST', `/api/cases/${enc(name)}/questionnaire`));
        button.disabled = false;
        button.textContent = t('questionnaire.make');
        if (!done) return;
        fill(links, 
          ...done.files.map((f) =>
            h('li', {}, h('a', { href: `/api/cases/${enc(name)}/questionnaire/${enc(f)}`, download: f }, `${t(`questionnaire.file.${kindOf(f)}`)} (${f})`)),
          ),
        );
      },
    },
    t('questionnaire.make'),
  );
  return card('questionnaire', t('questionnaire.title'), h('p', { class: 'muted' }, t(hasRoster ? 'questionnaire.help' : 'questionnaire.needsRoster')), button, links);
}

function kindOf(file) {
  if (file.endsWith('.xlsx')) return 'xlsform';
  if (file.endsWith('.pdf')) return 'paperPdf';
  if (file.endsWith('.html')) return 'paperHtml';
  if (file.endsWith('.csv')) return 'entry';
  return 'import';
}

// ---- rounds and their inspection -------------------------------------------------------------

function roundsSection(name, summary, roundId, refresh) {
  const list = h(
    'ul',
    { class: 'rounds' },
    summary.rounds.map((r) =>
      h(
        'li',
        { class: r.id === roundId ? 'on' : '' },
        h('a', { href: `#/case/${enc(name)}/round/${enc(r.id)}` }, r.label),
        h('span', { class: 'muted' }, ` ${r.date ?? ''} · ${r.file}`),
      ),
    ),
  );
  const panel = h('div', { id: 'inspection' });
  if (roundId) inspectionView(name, roundId, panel, summary);
  return card(
    'rounds',
    t('rounds.title'),
    h('p', { class: 'muted' }, t('rounds.help')),
    summary.rounds.length > 0 ? list : h('p', { class: 'muted' }, t('rounds.none')),
    summary.hasRoster
      ? upload('round-file', t('rounds.upload'), '.csv,.xlsx,.zip,.txt,.tsv', async (file) => {
          const done = await attempt(() => api('PUT', `/api/cases/${enc(name)}/rounds?name=${enc(file.name)}`, undefined, file));
          if (done) location.hash = `#/case/${enc(name)}/round/${enc(done.round)}`;
        })
      : h('p', { class: 'hint' }, t('cases.needsRoster')),
    panel,
  );
}

async function inspectionView(name, roundId, panel, summary) {
  fill(panel, h('p', { class: 'muted' }, t('rounds.reading')));
  const ins = await load(() => api('GET', `/api/cases/${enc(name)}/rounds/${enc(roundId)}`));
  if (!ins) return fill(panel, );
  const again = () => inspectionView(name, roundId, panel, summary);
  const round = summary.rounds.find((r) => r.id === roundId);
  const labelForm = h(
    'form',
    {
      class: 'grid-form round-form',
      onsubmit: async (event) => {
        event.preventDefault();
        const data = Object.fromEntries(new FormData(event.target));
        const done = await attempt(() => api('POST', `/api/cases/${enc(name)}/rounds/${enc(roundId)}`, data));
        if (done) {
          await caseView(name, roundId);
          showMessage(t('rounds.saved'), 'ok');
        }
      },
    },
    h('label', {}, h('span', {}, t('rounds.label')), h('input', { name: 'label', value: round?.label ?? '', required: true, id: 'round-label' })),
    h('label', {}, h('span', {}, t('rounds.date')), h('input', { name: 'date', type: 'date', value: round?.date ?? '', id: 'round-date' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'round-save' }, t('rounds.save')), h('button', {
      type: 'button',
      class: 'quiet',
      onclick: async () => {
        if (!confirm(t('rounds.dropConfirm'))) return;
        const done = await attempt(() => api('POST', `/api/cases/${enc(name)}/rounds/${enc(roundId)}`, { drop: true }));
        if (done) location.hash = `#/case/${enc(name)}`;
      },
    }, t('rounds.drop'))),
  );
  const first = ins.tables[0];
  const detected = h(
    'dl',
    { class: 'facts' },
    fact(t('detect.file'), ins.file),
    fact(t('detect.container'), t(`detect.containers.${ins.container}`)),
    fact(t('detect.format'), ins.format ? t(`detect.formats.${ins.format}`) : '–'),
    fact(t('detect.source'), ins.source ? t(`detect.sources.${ins.source}`) : t('detect.sources.unknown')),
    first?.encoding ? fact(t('detect.encoding'), first.encoding) : null,
    first?.delimiter ? fact(t('detect.delimiter'), t(`detect.delimiters.${delimiterName(first.delimiter)}`)) : null,
    fact(t('detect.rows'), ins.tables.map((x) => x.rowCount).join(' + ')),
  );
  const counts = ins.counts
    ? h(
        'ul',
        { class: 'counts', id: 'counts' },
        ['read', 'kept', 'corrected', 'rejected', 'superseded'].map((k) =>
          h('li', { class: `count ${k}` }, h('strong', {}, String(ins.counts[k])), h('span', {}, t(`counts.${k}`))),
        ),
      )
    : null;
  const fix = (e) => {
    if (e.code !== 'ACTOR_UNKNOWN' || !e.value) return '';
    const pick = e.suggestions.map((s) =>
      h('button', {
        type: 'button',
        class: 'suggestion',
        onclick: async () => {
          const done = await attempt(() => api('POST', `/api/cases/${enc(name)}/alias`, { alias: e.value, actor: s.id }));
          if (done) {
            await again();
            showMessage(t('fix.aliasSaved', { name: e.value, actor: s.name }), 'ok');
          }
        },
      }, t('fix.isActor', { name: s.name })),
    );
    const select = h('select', { 'aria-label': t('roster.column.category') }, Object.keys(state.words.category).map((c) => h('option', { value: c }, category(c))));
    const add = h('button', {
      type: 'button',
      class: 'quiet',
      onclick: async () => {
        const done = await attempt(() => api('POST', `/api/cases/${enc(name)}/actors`, { name: e.value, category: select.value }));
        if (done) {
          await again();
          showMessage(t('fix.actorAdded', { name: e.value }), 'ok');
        }
      },
    }, t('fix.addActor'));
    return h('div', { class: 'fix' }, pick, h('span', { class: 'add-actor' }, select, add));
  };
  fill(panel, 
    h('h3', {}, t('rounds.inspect', { label: round?.label ?? roundId })),
    labelForm,
    h('h4', {}, t('detect.title')),
    detected,
    ins.error ? h('p', { class: 'problem', id: 'round-error' }, ins.error) : null,
    counts ? h('h4', {}, t('counts.title')) : null,
    counts,
    h('h4', {}, t('quality.title')),
    qualityTable(ins.quality, fix),
    h('h4', {}, t('columns.title')),
    h('p', { class: 'muted' }, t('columns.help')),
    ...ins.tables.map((table) => columnTable(name, roundId, table, ins, again)),
    h('h4', {}, t('preview.title')),
    ...ins.tables.map(previewTable),
  );
}

const fact = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
const delimiterName = (d) => (d === ';' ? 'semicolon' : d === '\t' ? 'tab' : 'comma');

function columnTable(name, roundId, table, ins, again) {
  const unused = table.columns.filter((c) => c.field === null);
  const wide = table.role === 'wide';
  const fields = wide ? state.mappable.wide : state.mappable.long;
  const onlyUnused = h('input', { type: 'checkbox', id: `unused-${table.file}`, checked: unused.length > 0 });
  const body = h('tbody');
  const rows = () =>
    body.replaceChildren(
      ...table.columns
        .filter((c) => !onlyUnused.checked || c.field === null)
        .map((c) => {
          const select = h('select', { 'aria-label': t('columns.choose', { column: c.header }) }, h('option', { value: '' }, t('columns.pick')), fields.map((f) => h('option', { value: f }, t(`field.${f}`))));
          const save = h('button', {
            type: 'button',
            onclick: async () => {
              if (!select.value) return;
              const done = await attempt(() =>
                api('POST', `/api/cases/${enc(name)}/rounds/${enc(roundId)}/column`, { table: table.file, column: c.header, field: select.value }),
              );
              if (done) {
                await again();
                showMessage(t('columns.saved', { column: c.header, field: t(`field.${select.value}`) }), 'ok');
              }
            },
          }, t('columns.save'));
          return h(
            'tr',
            { class: c.field ? 'used' : 'unused', 'data-column': c.header },
            h('td', { class: 'mono' }, c.header),
            h('td', {}, c.field ? t(`field.${c.field}`) : h('span', { class: 'badge warning' }, t(`columns.reason.${c.reason}`))),
            h('td', {}, c.actor ?? ''),
            h('td', { class: 'num' }, String(c.filled)),
            h('td', {}, c.field === null && c.reason !== 'meta' ? h('span', { class: 'map' }, select, save) : ''),
          );
        }),
    );
  onlyUnused.addEventListener('change', rows);
  rows();
  return h(
    'div',
    { class: 'table-block' },
    h('p', { class: 'table-name' }, h('span', { class: 'mono' }, table.file), ' ', h('span', { class: 'muted' }, t(`columns.role.${table.role}`)), ' · ', t('columns.summary', { n: table.columns.length, unused: unused.length })),
    h('label', { class: 'check' }, onlyUnused, t('columns.onlyUnused')),
    h(
      'div',
      { class: 'scroll tall' },
      h('table', { class: 'columns' }, h('thead', {}, h('tr', {}, ['column', 'field', 'actor', 'filled', 'fix'].map((k) => h('th', {}, t(`columns.head.${k}`))))), body),
    ),
  );
}

function previewTable(table) {
  return h(
    'div',
    { class: 'table-block' },
    h('p', { class: 'table-name mono' }, table.file),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'preview' },
        h('thead', {}, h('tr', {}, h('th', {}, t('preview.line')), table.header.map((c) => h('th', { class: 'mono' }, c)))),
        h('tbody', {}, table.rows.map((r) => h('tr', {}, h('td', { class: 'num' }, String(r.line)), r.cells.map((c) => h('td', {}, c))))),
      ),
    ),
  );
}

// ---- build and read -----------------------------------------------------------------------------

function buildSection(name, summary) {
  const ready = summary.hasRoster && summary.rounds.length > 0;
  const edition = h('select', { id: 'edition', name: 'edition' }, state.audiences.map((a) => h('option', { value: a, selected: a === 'kelurahan' }, t(`edition.${a}`))));
  const language = h('select', { id: 'report-lang', name: 'lang' }, ['id', 'en'].map((l) => h('option', { value: l, selected: l === state.lang }, t(`lang.${l}`))));
  const help = h('p', { class: 'muted' }, t(`edition.help.${edition.value}`));
  edition.addEventListener('change', () => {
    help.textContent = t(`edition.help.${edition.value}`);
  });
  const bar = h('progress', { max: 6, value: 0, id: 'progress', 'aria-label': t('build.progress') });
  const stage = h('span', { class: 'stage', id: 'stage' });
  const result = h('div', { id: 'report-result' });
  const show = (audience) => {
    const base = `/api/cases/${enc(name)}/reports/${audience}`;
    fill(result, 
      h(
        'ul',
        { class: 'links' },
        h('li', {}, h('a', { href: `${base}/report.html`, target: '_blank', rel: 'noopener', id: 'open-report' }, t('build.open'))),
        h('li', {}, h('a', { href: `${base}/report.html?download`, download: 'report.html' }, t('build.html'))),
        h('li', {}, h('a', { href: `${base}/report.pdf?download`, download: 'report.pdf' }, t('build.pdf'))),
        h('li', {}, h('a', { href: `${base}/data-quality.csv?download`, download: 'data-quality.csv' }, t('build.quality'))),
        ...summary.rounds.map((r) => h('li', {}, h('a', { href: `${base}/tables/actors-${enc(r.id)}.csv?download` }, t('build.table', { label: r.label })))),
      ),
      h('iframe', { src: `${base}/report.html`, title: t('build.frame'), class: 'report-frame', id: 'report-frame' }),
    );
  };
  const button = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      id: 'build',
      disabled: !ready,
      onclick: async () => {
        button.disabled = true;
        fill(result, );
        bar.value = 0;
        stage.textContent = t('build.starting');
        let job = await attempt(() => api('POST', `/api/cases/${enc(name)}/build`, { audience: edition.value, lang: language.value }));
        while (job && job.status === 'running') {
          if (job.step) {
            bar.max = job.step.total;
            bar.value = job.step.n - (job.step.done ? 0 : 0.5);
            stage.textContent = `[${job.step.n}/${job.step.total}] ${job.step.label}`;
          }
          await new Promise((r) => setTimeout(r, 150));
          job = await load(() => api('GET', `/api/jobs/${job.id}`));
        }
        button.disabled = false;
        if (!job) return;
        if (job.status === 'failed') {
          stage.textContent = '';
          bar.value = 0;
          return showMessage(job.error);
        }
        bar.value = bar.max;
        stage.textContent = t('build.done', { seconds: (job.ms / 1000).toLocaleString(state.lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }) });
        show(job.audience);
        result.prepend(...job.notes.map((n) => h('p', { class: 'muted' }, n)));
        document.dispatchEvent(new CustomEvent('jejaring:built', { detail: job.audience }));
      },
    },
    t('build.button'),
  );
  const last = summary.reports[0];
  if (last) setTimeout(() => show(summary.reports.find((r) => r.audience === edition.value)?.audience ?? last.audience), 0);
  return card(
    'build',
    t('build.title'),
    ready ? null : h('p', { class: 'hint' }, t('build.notReady')),
    h('div', { class: 'grid-form' }, h('label', {}, h('span', {}, t('build.edition')), edition), h('label', {}, h('span', {}, t('build.language')), language)),
    help,
    h('div', { class: 'actions' }, button, h('span', { class: 'progress' }, bar, stage)),
    result,
  );
}

// ---- explore ------------------------------------------------------------------------------------

function exploreSection(name, summary) {
  const host = h('div', { class: 'explore', id: 'explore' });
  const render = async (audience) => {
    const specs = await load(() => api('GET', `/api/cases/${enc(name)}/explore/${audience}`));
    if (!specs || specs.rounds.length === 0) return fill(host, h('p', { class: 'muted' }, t('explore.none')));
    window.jejaringExplore(host, specs, { t, category, lang: state.lang });
  };
  const audience = summary.reports.find((r) => r.audience === 'internal')?.audience ?? summary.reports[0]?.audience;
  if (audience) setTimeout(() => render(audience), 0);
  else fill(host, h('p', { class: 'muted' }, t('explore.none')));
  document.addEventListener('jejaring:built', (event) => render(event.detail), { once: true });
  return card('explore', t('explore.title'), h('p', { class: 'muted' }, t('explore.help')), host);
}

// ---- start --------------------------------------------------------------------------------------

(async () => {
  try {
    await loadWords();
    route();
  } catch (error) {
    showMessage(error.message);
  }
})();
