/**
 * Reading an export through the form it was collected with (ingest/form.ts). The form says what
 * every column is, so nothing is guessed from header words:
 *
 * 1. **Plan** (`planForm`): each field of the form gets a role. The respondent is the select_one
 *    of roster actors (or the field `import.respondentColumn` names); a select_multiple of roster
 *    actors is a list question (`known`, or `memberTies` by its words); a field about one actor is
 *    a tie question (trust, cooperation, frequency, resources, formal: by the words of its name,
 *    then of its labels, then of its choice list), its actor found from its group (name or label),
 *    its own name or labels, or the relevance that shows it (`selected(${kenal}, 'dinsos')`); in a
 *    repeat group the actor is the repeat's select_one of roster actors. Metadata (start, end,
 *    calculate, note, …) is accounted for; any other field is not used, and its columns say so.
 * 2. **Columns** (`formColumns`): each header is matched to a field (and, for a split
 *    select_multiple column, a choice) in every naming the tools write: the field name, its group
 *    path joined by `/` (KoboToolbox) or `-` (ODK Central), the label in any language of the form
 *    with or without the group labels, `question/choice` with the choice name or label. Duplicate
 *    headers follow the form's order.
 * 3. **Values**: a cell is read as the choice whose name or label (any language) it holds; a
 *    select_multiple as its split columns where one holds a 1, else its summary column (names, or
 *    labels matched longest first). A `0` in a split column is "not selected or not asked" (ODK
 *    Central pre-fills every split column with 0, also for questions never asked): never an
 *    answer, so a skipped actor never becomes a tie.
 *
 * Main table: one row per submission; repeat tables (Kobo XLSX sheets, ODK Central CSVs) join it by
 * `_parent_index` ↔ `_index` or `PARENT_KEY` ↔ `KEY`.
 */
import type { ImportSpec } from '../config.ts';
import { JejaringError } from '../errors.ts';
import type { QualityLog } from '../quality.ts';
import { LONG_COLUMNS, listQuestion, META, RESPONDENT_HEADERS, splitQuestion, TIME_HEADERS, type WideField } from './columns.ts';
import { findHeader, type Table } from './csv.ts';
import { type Form, type FormChoice, type FormField, repeatOf } from './form.ts';
import type { Question, RawRound, RawSubmission, RawTie, TieField } from './raw.ts';
import type { Roster } from './roster.ts';
import { type ParseResult, parseCooperation, parseFrequency, parseTrust, parseYesNo, resourceName } from './values.ts';
import { keywords } from './wide.ts';

const VALUE_FIELDS = ['trust', 'cooperation', 'frequency', 'resources', 'formal'] as const;
type ValueField = (typeof VALUE_FIELDS)[number];

/** Field types that carry no answer about a tie: accounted for, never warned about. */
const META_TYPES = new Set([
  ...['start', 'end', 'today', 'deviceid', 'subscriberid', 'simserial', 'phonenumber', 'username', 'email', 'audit'],
  ...['calculate', 'note', 'hidden', 'start-geopoint', 'background-audio', 'xml-external', 'csv-external'],
]);

export type Role =
  | { kind: 'respondent' }
  | { kind: 'list'; question: 'known' | 'memberTies' }
  | { kind: 'tie'; field: ValueField; actorId: string | null }
  | { kind: 'actor' }
  | { kind: 'meta' }
  | { kind: 'unused' };

export interface FormPlan {
  form: Form;
  roles: Map<FormField, Role>;
  /** For each list of roster actors: choice name → actor id (null for a choice that is no roster actor). */
  actorLists: Map<string, Map<string, string | null>>;
  trustScale: 4 | 5;
}

const key = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
const choices = (plan: FormPlan, list: string | null): FormChoice[] => (list ? (plan.form.lists.get(list) ?? []) : []);
const isSelect = (f: FormField) => f.type === 'select_one' || f.type === 'select_multiple';
const texts = (f: { name: string; labels: Record<string, string> }) => [f.name, ...Object.values(f.labels)];

/** The roster actor each choice of a list names (by name, id or label), or null when fewer than half name one. */
function actorList(list: FormChoice[], roster: Roster): Map<string, string | null> | null {
  const map = new Map(
    list.map((c) => [
      c.name,
      (
        roster.match(c.name) ??
        texts(c)
          .map((t) => roster.match(t))
          .find(Boolean)
      )?.id ?? null,
    ]),
  );
  const matched = [...map.values()].filter((v) => v !== null).length;
  return list.length > 0 && matched * 2 >= list.length ? map : null;
}

const nameIs = (f: FormField, names: readonly string[]) => texts(f).some((t) => findHeader([t], names) === 0);

/** The field's question, from the words of its name, then its labels, then its choice list's name. */
function questionOf(f: FormField, roster: Roster, words: Record<WideField, readonly string[]>): ValueField | null {
  for (const t of [...texts(f), f.list ?? '']) {
    const q = splitQuestion(t, roster, words).field;
    if (q && (VALUE_FIELDS as readonly string[]).includes(q)) return q as ValueField;
  }
  return null;
}

/** The actor a field outside a repeat is about: its group, its own name or labels, or the relevance that shows it. */
function actorOf(f: FormField, form: Form, roster: Roster, lists: Map<string, Map<string, string | null>>): string | null {
  for (const g of [...f.groups].reverse()) {
    const a = [g.name, ...Object.values(g.labels)].map((t) => roster.match(t.replace(/^g(rp)?_/i, ''))).find(Boolean);
    if (a) return a.id;
  }
  for (const t of texts(f)) {
    const a = splitQuestion(t, roster).actorId;
    if (a) return a;
  }
  for (const rule of [f.relevant, ...f.groups.map((g) => g.relevant)]) {
    for (const m of rule.matchAll(/selected\(\s*\$\{([^}]+)\}\s*,\s*['"]([^'"]+)['"]\s*\)/g)) {
      const list = form.fields.find((x) => x.name === m[1])?.list;
      const a = list ? lists.get(list)?.get(m[2]!) : null;
      if (a) return a;
    }
  }
  return null;
}

/** Give every field of the form its role (see the module comment). */
export function planForm(form: Form, roster: Roster, spec: ImportSpec, trustScale: 4 | 5): FormPlan {
  const words = keywords(spec);
  const actorLists = new Map<string, Map<string, string | null>>();
  for (const [name, list] of form.lists) {
    const map = actorList(list, roster);
    if (map) actorLists.set(name, map);
  }
  const onActors = (f: FormField) => f.list !== null && actorLists.has(f.list);
  const roles = new Map<FormField, Role>();
  const main = form.fields.filter((f) => repeatOf(f) === null);
  const respondent = spec.respondentColumn
    ? form.fields.find((f) => f.name === spec.respondentColumn || Object.values(f.labels).includes(spec.respondentColumn!))
    : (main.find((f) => f.type === 'select_one' && onActors(f) && nameIs(f, RESPONDENT_HEADERS)) ??
      main.find((f) => f.type === 'select_one' && onActors(f)) ??
      main.find((f) => !isSelect(f) && !META_TYPES.has(f.type) && nameIs(f, RESPONDENT_HEADERS)));
  if (!respondent) throw new JejaringError('FORM_NO_RESPONDENT', { column: spec.respondentColumn ?? 'respondent' }, { file: form.file });
  const repeatActors = new Map<string, FormField>();
  for (const f of form.fields) {
    const repeat = repeatOf(f);
    if (!repeat || repeatActors.has(repeat.join('/'))) continue;
    if ((f.type === 'select_one' && onActors(f)) || (!isSelect(f) && nameIs(f, LONG_COLUMNS.actor))) repeatActors.set(repeat.join('/'), f);
  }
  for (const f of form.fields) {
    const repeat = repeatOf(f)?.join('/') ?? null;
    let role: Role;
    if (f === respondent) role = { kind: 'respondent' };
    else if (repeat && repeatActors.get(repeat) === f) role = { kind: 'actor' };
    else if (META_TYPES.has(f.type)) role = { kind: 'meta' };
    else if (f.type === 'select_multiple' && onActors(f) && !repeat) {
      const question =
        texts(f)
          .map((t) => listQuestion(t, roster, words))
          .find(Boolean) ??
        (form.fields.some((x) => [x.relevant, ...x.groups.map((g) => g.relevant)].some((r) => r.includes(`\${${f.name}}`)))
          ? 'known'
          : null);
      role = question ? { kind: 'list', question } : { kind: 'unused' };
    } else {
      const field = questionOf(f, roster, words);
      const actorId = repeat ? null : actorOf(f, form, roster, actorLists);
      role = field && (repeat ? repeatActors.has(repeat) : actorId !== null) ? { kind: 'tie', field, actorId } : { kind: 'unused' };
    }
    roles.set(f, role);
  }
  return { form, roles, actorLists, trustScale };
}

/** A column of an export matched to the form: the field, and the choice for a split select_multiple column. */
export interface Target {
  field: FormField;
  option: string | null;
}

/** Every header the tools write for each field (see the module comment), normalised, in form order. */
function headerIndex(form: Form): Map<string, Target[]> {
  const index = new Map<string, Target[]>();
  const add = (header: string, target: Target) => {
    const list = index.get(key(header)) ?? [];
    if (!list.some((t) => t.field === target.field && t.option === target.option)) list.push(target);
    index.set(key(header), list);
  };
  const languages = form.languages.length > 0 ? form.languages : [''];
  for (const f of form.fields) {
    const names = f.groups.map((g) => g.name);
    const repeat = repeatOf(f)?.length ?? 0;
    const byName = new Set([
      f.name,
      [...names, f.name].join('/'),
      [...names, f.name].join('-'),
      [...names.slice(repeat), f.name].join('/'),
      [...names.slice(repeat), f.name].join('-'),
    ]);
    const byLabel = new Map<string, string>(); // header → language
    for (const lang of languages) {
      const label = f.labels[lang] || f.name;
      const path = f.groups.map((g) => g.labels[lang] || g.name);
      byLabel.set(label, lang);
      byLabel.set([...path, label].join('/'), lang);
      byLabel.set([...path.slice(repeat), label].join('/'), lang);
    }
    for (const h of [...byName, ...byLabel.keys()]) add(h, { field: f, option: null });
    if (f.type === 'geopoint')
      for (const h of byName)
        for (const part of ['Latitude', 'Longitude', 'Altitude', 'Accuracy']) add(`${h}-${part}`, { field: f, option: null });
    if (f.type !== 'select_multiple') continue;
    const list = form.lists.get(f.list ?? '') ?? [];
    for (const c of list) {
      for (const h of byName) add(`${h}/${c.name}`, { field: f, option: c.name });
      for (const [h, lang] of byLabel) add(`${h}/${c.labels[lang] || c.name}`, { field: f, option: c.name });
    }
  }
  return index;
}

/** The form field (and choice) of each column of a table; null for a column the form does not have. */
export function formColumns(table: Table, index: Map<string, Target[]>): (Target | null)[] {
  const seen = new Map<string, number>();
  return table.header.map((h) => {
    const k = key(h);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    const targets = index.get(k);
    return targets ? (targets[n] ?? targets[0]!) : null;
  });
}

/** Reading a cell as a choice of a list: by name, then by label in any language. */
function choiceReader(list: FormChoice[]): (text: string) => string | null {
  const exact = new Map(list.map((c) => [c.name, c.name]));
  const folded = new Map<string, string>();
  for (const c of list) for (const t of texts(c)) if (!folded.has(key(t))) folded.set(key(t), c.name);
  return (text) => exact.get(text) ?? folded.get(key(text)) ?? null;
}

/** The choices in a select_multiple summary: names separated by spaces, or labels (which may hold spaces), longest first. */
function summaryChoices(list: FormChoice[], text: string): { chosen: string[]; rest: string } {
  const names = new Set(list.map((c) => c.name));
  const tokens = text.split(/\s+/).filter(Boolean);
  if (tokens.every((t) => names.has(t))) return { chosen: [...new Set(tokens)], rest: '' };
  let rest = ` ${key(text)} `;
  const chosen: string[] = [];
  const labels = list.flatMap((c) => texts(c).map((t) => ({ name: c.name, t: key(t) }))).filter((x) => x.t !== '');
  labels.sort((a, b) => b.t.length - a.t.length);
  for (const { name, t } of labels) {
    if (rest.includes(` ${t} `)) {
      if (!chosen.includes(name)) chosen.push(name);
      rest = rest.replace(` ${t} `, ' ');
    }
  }
  return { chosen, rest: rest.trim() };
}

const PARSERS: Record<Exclude<ValueField, 'resources'>, (raw: string, scale: 4 | 5) => ParseResult<unknown>> = {
  trust: (raw, scale) => parseTrust(raw, scale),
  cooperation: parseCooperation,
  frequency: parseFrequency,
  formal: parseYesNo,
};

/** The text a choice is read as for a question: its name if that reads as an answer, else its first label that does. */
function answerText(c: FormChoice, field: ValueField, scale: 4 | 5): string {
  if (field === 'resources') return resourceName(c.name) ?? texts(c).map(resourceName).find(Boolean) ?? c.name;
  const parse = PARSERS[field];
  return texts(c).find((t) => parse(t, scale).ok) ?? c.name;
}

const TICKED = new Set(['1', 'true', 'ya', 'yes']);

interface Column {
  index: number;
  header: string;
  target: Target;
}

/** Whether the tables are an export of the form: they hold its respondent question and at least one question about ties. */
export function isExportOf(tables: Table[], plan: FormPlan): boolean {
  const index = headerIndex(plan.form);
  const found = new Set(tables.flatMap((t) => formColumns(t, index).map((c) => (c ? plan.roles.get(c.field)!.kind : null))));
  return found.has('respondent') && ['tie', 'list', 'actor'].some((k) => found.has(k as Role['kind']));
}

/**
 * Read a round's tables (main first, then repeat tables) through the form. Every column is a
 * field that is read, metadata, or logged as not used.
 */
export function readViaForm(tables: Table[], plan: FormPlan, spec: ImportSpec, roster: Roster, log: QualityLog): RawRound {
  const index = headerIndex(plan.form);
  const mapped = tables.map((t) => ({ table: t, columns: formColumns(t, index) }));
  const roleOf = (f: FormField) => plan.roles.get(f)!;
  const readers = new Map<string, (text: string) => string | null>();
  const read = (list: string | null) => {
    if (!readers.has(list ?? '')) readers.set(list ?? '', choiceReader(choices(plan, list)));
    return readers.get(list ?? '')!;
  };

  // the main table holds the respondent's column
  const respondentField = [...plan.roles].find(([, r]) => r.kind === 'respondent')![0];
  const mainAt = mapped.findIndex((m) => m.columns.some((c) => c?.field === respondentField && c.option === null));
  if (mainAt < 0)
    throw new JejaringError(
      'COLUMN_MISSING',
      { column: respondentField.name, found: tables[0]!.header.slice(0, 8).join(', ') },
      { file: tables[0]!.file, line: tables[0]!.headerLine },
    );
  const main = mapped[mainAt]!;
  const repeats = mapped.filter((_, i) => i !== mainAt);

  // account for every column
  const offered: Partial<Record<Question, boolean>> = {};
  const members = new Set(roster.actors.filter((a) => a.member).map((a) => a.id));
  for (const { table, columns } of mapped) {
    columns.forEach((target, i) => {
      const h = table.header[i]!;
      if (!target) {
        if (!META.test(h.trim()))
          log.add('warning', 'COLUMN_NOT_IN_FORM', {
            file: table.file,
            line: table.headerLine,
            column: h,
            params: { form: plan.form.file },
          });
        return;
      }
      const role = roleOf(target.field);
      if (role.kind === 'unused') log.add('warning', 'FORM_FIELD_UNUSED', { file: table.file, line: table.headerLine, column: h });
      if (role.kind === 'tie') offered[role.field] = true;
      if (role.kind === 'list' && role.question === 'memberTies') offered.memberTies = true;
      if (role.kind === 'tie' && role.actorId !== null && members.has(role.actorId)) offered.memberTies = true;
      if (role.kind === 'actor' && [...(plan.actorLists.get(target.field.list ?? '')?.values() ?? [])].some((a) => a && members.has(a)))
        offered.memberTies = true;
    });
  }

  const submissions: RawSubmission[] = [];
  const ties: RawTie[] = [];
  const timeCol = spec.timeColumn ? main.table.header.indexOf(spec.timeColumn) : findHeader(main.table.header, TIME_HEADERS);
  const byField = (columns: (Target | null)[], table: Table) => {
    const out = new Map<FormField, Column[]>();
    columns.forEach((target, i) => {
      if (target) out.set(target.field, [...(out.get(target.field) ?? []), { index: i, header: table.header[i]!, target }]);
    });
    return out;
  };
  const mainColumns = byField(main.columns, main.table);
  const respondentCol = mainColumns.get(respondentField)!.find((c) => c.target.option === null)!;

  /** A select_multiple's choices in a row: split columns where one holds a 1, else the summary column. */
  const selection = (f: FormField, cols: Column[], cells: string[], where: { file: string; line: number }) => {
    const cell = (i: number) => (cells[i] ?? '').trim();
    const ticked = cols.filter((c) => c.target.option !== null && TICKED.has(cell(c.index).toLowerCase()));
    if (ticked.length > 0) return { chosen: ticked.map((c) => c.target.option!), header: ticked[0]!.header };
    const summary = cols.find((c) => c.target.option === null);
    if (!summary || cell(summary.index) === '') return null;
    const { chosen, rest } = summaryChoices(choices(plan, f.list), cell(summary.index));
    return { chosen, header: summary.header, rest, where };
  };

  /** The values of the tie fields among `cols` (one actor's questions, or one repeat row). */
  const tieValues = (fields: [FormField, Column[]][], cells: string[], tie: RawTie) => {
    const cell = (i: number) => (cells[i] ?? '').trim();
    let answered = false;
    for (const [f, cols] of fields) {
      const role = roleOf(f) as Extract<Role, { kind: 'tie' }>;
      if (f.type === 'select_multiple') {
        const picked = selection(f, cols, cells, tie);
        if (!picked || picked.chosen.length + (picked.rest ? 1 : 0) === 0) continue;
        const list = choices(plan, f.list);
        const texts = picked.chosen.map((name) => answerText(list.find((c) => c.name === name)!, role.field, plan.trustScale));
        if (role.field === 'resources') {
          tie.resources = [...(tie.resources ?? []), ...texts, ...(picked.rest ? [picked.rest] : [])];
          tie.columns.resources = picked.header;
        } else {
          tie.values[role.field] = [...texts, picked.rest ?? ''].filter(Boolean).join(' ');
          tie.columns[role.field] = picked.header;
        }
        answered = true;
        continue;
      }
      const col = cols.find((c) => c.target.option === null);
      const text = col ? cell(col.index) : '';
      if (!col || text === '') continue;
      const choice = isSelect(f) ? read(f.list)(text) : null;
      const c = choice === null ? null : choices(plan, f.list).find((x) => x.name === choice)!;
      tie.values[role.field as TieField] = c ? answerText(c, role.field, plan.trustScale) : text;
      tie.columns[role.field as TieField] = col.header;
      answered = true;
    }
    return answered;
  };

  /** Actors named in a list question (select_multiple of roster actors), with the text no choice matched. */
  const listed = (f: FormField, cols: Column[], cells: string[], where: { file: string; line: number }) => {
    const picked = selection(f, cols, cells, where);
    if (!picked) return { ids: [], header: '' };
    const actors = plan.actorLists.get(f.list ?? '')!;
    const unknown = [...picked.chosen.filter((c) => !actors.get(c)), ...(picked.rest ? [picked.rest] : [])];
    if (unknown.length > 0)
      log.add('warning', 'ACTOR_UNKNOWN', {
        ...where,
        column: picked.header,
        value: unknown.join(' '),
        params: { suggestions: roster.suggest(unknown.join(' ')).join(', ') || '–' },
      });
    return { ids: picked.chosen.map((c) => actors.get(c)).filter((a): a is string => Boolean(a)), header: picked.header };
  };

  const respondentText = (text: string) => {
    if (!isSelect(respondentField)) return text;
    const choice = read(respondentField.list)(text);
    return (choice !== null ? plan.actorLists.get(respondentField.list ?? '')?.get(choice) : null) ?? text;
  };

  // main table: one submission per row, one tie per actor named or answered about
  const perActor = new Map<string, [FormField, Column[]][]>();
  const lists: [FormField, Column[]][] = [];
  for (const [f, cols] of mainColumns) {
    const role = roleOf(f);
    if (role.kind === 'tie' && role.actorId) perActor.set(role.actorId, [...(perActor.get(role.actorId) ?? []), [f, cols]]);
    if (role.kind === 'list') lists.push([f, cols]);
  }
  const keyCol = main.table.header.findIndex((h) => h === 'KEY' || h === '_index');
  const byKey = new Map<string, number>();
  const mainTies = new Map<string, RawTie>();
  main.table.rows.forEach((row, id) => {
    const cell = (i: number) => (row.cells[i] ?? '').trim();
    const where = { file: main.table.file, line: row.line };
    const respondent = respondentText(cell(respondentCol.index));
    submissions.push({
      id,
      file: main.table.file,
      line: row.line,
      respondent,
      respondentColumn: respondentCol.header,
      time: timeCol >= 0 ? cell(timeCol) || null : null,
    });
    if (keyCol >= 0) byKey.set(cell(keyCol), id);
    const named = new Map<string, string>();
    for (const [f, cols] of lists) {
      const { ids, header } = listed(f, cols, row.cells, where);
      for (const a of ids) if (!named.has(a)) named.set(a, header);
    }
    for (const actorId of [...new Set([...perActor.keys(), ...named.keys()])].sort()) {
      const tie: RawTie = {
        ...where,
        values: { respondent, actor: actorId },
        columns: { respondent: respondentCol.header, actor: named.get(actorId) ?? perActor.get(actorId)![0]![1][0]!.header },
        submission: id,
      };
      const answered = tieValues(perActor.get(actorId) ?? [], row.cells, tie);
      if (answered || named.has(actorId)) {
        ties.push(tie);
        mainTies.set(`${id}\u0000${actorId}`, tie);
      }
    }
  });

  // repeat tables: one tie per row, joined to its submission (an actor also named in a list question: one tie)
  let rejected = 0;
  const tieRepeats = new Set([...plan.roles].filter(([, r]) => r.kind === 'actor').map(([f]) => repeatOf(f)!.join('/')));
  const exported = new Set(repeats.flatMap((m) => m.columns.filter((c) => c !== null).map((c) => repeatOf(c.field)?.join('/'))));
  for (const repeat of tieRepeats)
    if (!exported.has(repeat))
      log.add('warning', 'REPEAT_NOT_IN_EXPORT', {
        file: main.table.file,
        line: main.table.headerLine,
        value: repeat,
        params: { form: plan.form.file },
      });
  for (const { table, columns } of repeats) {
    const cols = byField(columns, table);
    const actorField = [...cols.keys()].find((f) => roleOf(f).kind === 'actor');
    const parentCol = table.header.findIndex((h) => h === 'PARENT_KEY' || h === '_parent_index');
    if (!actorField || parentCol < 0 || keyCol < 0) continue; // nothing of a tie in it: its columns were accounted for above
    const actorCol = cols.get(actorField)!.find((c) => c.target.option === null)!;
    const fields = [...cols].filter(([f]) => roleOf(f).kind === 'tie');
    for (const row of table.rows) {
      const cell = (i: number) => (row.cells[i] ?? '').trim();
      const parent = cell(parentCol);
      const id = byKey.get(parent);
      if (id === undefined) {
        log.add('error', 'REPEAT_ORPHAN', { file: table.file, line: row.line, column: table.header[parentCol]!, value: parent });
        rejected++;
        continue;
      }
      const text = cell(actorCol.index);
      const choice = isSelect(actorField) ? read(actorField.list)(text) : null;
      const actor = (choice !== null ? plan.actorLists.get(actorField.list ?? '')?.get(choice) : null) ?? text;
      const listed = mainTies.get(`${id}\u0000${actor}`);
      const tie: RawTie = {
        file: table.file,
        line: row.line,
        values: { ...listed?.values, respondent: submissions[id]!.respondent, actor },
        columns: { ...listed?.columns, respondent: `${main.table.file}: ${respondentCol.header}`, actor: actorCol.header },
        submission: id,
      };
      tieValues(fields, row.cells, tie);
      if (listed) {
        ties.splice(ties.indexOf(listed), 1, tie);
        mainTies.delete(`${id}\u0000${actor}`);
      } else ties.push(tie);
    }
  }
  return { format: 'form', ties, submissions, rejected, offered, form: plan.form.file };
}
