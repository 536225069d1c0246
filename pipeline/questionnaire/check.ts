/**
 * A structural check of an XLSForm, for the rules the pipeline relies on (pyxform itself cannot
 * run here): the three sheets with their required columns; every survey `name` unique and a
 * valid XML name; every `select_one`/`select_multiple` list present in `choices` with unique,
 * valid choice names; groups opened and closed in order; every `${field}` reference in
 * relevant/constraint/choice_filter/calculation naming a field of the form; a form id and version.
 * Returns the problems found (empty when the form is sound).
 */
import type { XlsForm } from './xlsform.ts';

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function checkXlsForm(form: XlsForm): string[] {
  const problems: string[] = [];
  const names = new Map<string, number>();
  const lists = new Set(form.choices.map((c) => c.list_name));
  const stack: string[] = [];
  form.survey.forEach((row, i) => {
    const where = `survey row ${i + 2}`;
    const type = row.type ?? '';
    const name = row.name ?? '';
    if (!type) problems.push(`${where}: no type`);
    if (!XML_NAME.test(name)) problems.push(`${where}: name "${name}" is not a valid XML name`);
    if (type === 'begin_group') stack.push(name);
    else if (type === 'end_group') {
      if (stack.pop() !== name) problems.push(`${where}: end_group "${name}" does not close the open group`);
      return;
    }
    if (names.has(name)) problems.push(`${where}: name "${name}" repeats row ${names.get(name)! + 2}`);
    names.set(name, i);
    const select = /^select_(one|multiple) (\S+)$/.exec(type);
    if (select && !lists.has(select[2]!)) problems.push(`${where}: list "${select[2]}" not in choices`);
    if (!['start', 'end', 'today', 'calculate', 'begin_group'].includes(type) && !row['label::Bahasa Indonesia (id)'])
      problems.push(`${where}: no Indonesian label`);
    if (type === 'calculate' && !row.calculation) problems.push(`${where}: calculate without calculation`);
  });
  if (stack.length > 0) problems.push(`groups left open: ${stack.join(', ')}`);
  for (const [i, row] of form.survey.entries()) {
    for (const col of ['relevant', 'constraint', 'choice_filter', 'calculation'] as const) {
      for (const m of (row[col] ?? '').matchAll(/\$\{([^}]+)\}/g))
        if (!names.has(m[1]!)) problems.push(`survey row ${i + 2}: ${col} refers to unknown field "${m[1]}"`);
    }
  }
  const seen = new Set<string>();
  for (const [i, c] of form.choices.entries()) {
    const key = `${c.list_name}/${c.name}`;
    if (!c.list_name || !c.name) problems.push(`choices row ${i + 2}: list_name and name are required`);
    else if (!XML_NAME.test(c.name) && !/^\d+$/.test(c.name)) problems.push(`choices row ${i + 2}: name "${c.name}" is not valid`);
    if (seen.has(key)) problems.push(`choices row ${i + 2}: "${key}" repeats`);
    seen.add(key);
    if (!c['label::Bahasa Indonesia (id)']) problems.push(`choices row ${i + 2}: no Indonesian label`);
  }
  if (!form.settings.form_id || !XML_NAME.test(form.settings.form_id)) problems.push('settings: form_id missing or invalid');
  if (!form.settings.version) problems.push('settings: version missing');
  return problems;
}
