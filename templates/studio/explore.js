// Explore the change: the report's own network maps (charts/network-<round>.vl.json, positions
// shared by every round) made interactive in the page. Hover or tap an actor to see its ties in
// every round, filter by resource system, switch rounds with the same positions. The specs are
// the ones the charts stage wrote; this file only adds two signals and conditional opacity, and
// renders with vega-embed from node_modules. The report files themselves stay script-free.
'use strict';

(() => {
  const ALL = '*';

  /** The layers of a network map, by the names the charts stage gives them (charts/network-map.ts). */
  function layersOf(spec) {
    const layers = spec.layer ?? [];
    const named = (test) => layers.filter((l) => typeof l.name === 'string' && test(l.name));
    return {
      edges: named((n) => n.startsWith('survey_ties') || n === 'arrowheads'),
      nodes: named((n) => n === 'actor_symbols'),
      labels: named((n) => n.startsWith('map_labels')),
    };
  }

  function nodesOf(spec) {
    return layersOf(spec).nodes.flatMap((l) => l.data?.values ?? []);
  }

  /** The ties of a map, each once, with its ends as actor ids. */
  function edgesOf(spec) {
    const ids = new Map(nodesOf(spec).map((n) => [n.id, n.id]));
    const seen = new Set();
    const out = [];
    for (const l of layersOf(spec).edges) {
      for (const e of l.data?.values ?? []) {
        const key = `${e.from}\u0000${e.to}`;
        if (!seen.has(key) && e.from !== undefined) {
          seen.add(key);
          out.push({ ...e, a: ids.get(e.from) ?? e.from, b: ids.get(e.to) ?? e.to });
        }
      }
    }
    return out;
  }

  const visible = "(system === '*' || datum.category === system || datum.member)";
  const focused = '(focus === null || datum.id === focus || indexof(datum.nb, focus) >= 0)';
  const edgeVisible = "(system === '*' || ((datum.fc === system || datum.fm) && (datum.tc === system || datum.tm)))";
  const edgeFocused = '(focus === null || datum.a === focus || datum.b === focus)';

  /** The round's map with the actors' systems and neighbours on every mark, and opacity that follows the two signals. */
  function interactive(spec, focus, system) {
    const copy = JSON.parse(JSON.stringify(spec));
    const nodes = new Map(nodesOf(copy).map((n) => [n.id, n]));
    const neighbours = new Map();
    const edgeList = edgesOf(copy);
    const endsOf = new Map(edgeList.map((e) => [`${e.from}\u0000${e.to}`, e]));
    for (const e of edgeList) {
      for (const [a, b] of [
        [e.a, e.b],
        [e.b, e.a],
      ]) {
        if (!neighbours.has(a)) neighbours.set(a, []);
        neighbours.get(a).push(b);
      }
    }
    const { edges, nodes: nodeLayers, labels } = layersOf(copy);
    for (const l of [...nodeLayers, ...labels]) {
      l.data.values = l.data.values.map((v) => ({ ...v, category: nodes.get(v.id)?.category ?? v.category, member: nodes.get(v.id)?.member ?? false, nb: neighbours.get(v.id) ?? [] }));
      l.encoding = { ...l.encoding, opacity: { condition: { test: `${visible} && ${focused}`, value: 1 }, value: 0.12 } };
    }
    for (const l of nodeLayers) {
      l.name = 'actors';
      l.encoding.tooltip = [{ field: 'label' }, { field: 'category' }];
      l.mark = { ...l.mark, cursor: 'pointer' };
    }
    for (const l of edges) {
      l.data.values = l.data.values.map((v) => {
        const ends = endsOf.get(`${v.from}\u0000${v.to}`) ?? { a: v.from, b: v.to };
        const [from, to] = [nodes.get(ends.a), nodes.get(ends.b)];
        return { ...v, a: ends.a, b: ends.b, fc: from?.category, tc: to?.category, fm: from?.member ?? false, tm: to?.member ?? false };
      });
      l.encoding = { ...l.encoding, opacity: { condition: { test: `${edgeVisible} && ${edgeFocused}`, value: 0.75 }, value: 0.04 } };
    }
    copy.params = [...(copy.params ?? []), { name: 'focus', value: focus }, { name: 'system', value: system }];
    return copy;
  }

  /** Ties of one actor in one round, both directions, named with the map's labels. */
  function tiesOf(spec, id) {
    const names = new Map(nodesOf(spec).map((n) => [n.id, n.label]));
    return edgesOf(spec)
      .filter((e) => e.a === id || e.b === id)
      .map((e) => ({ out: e.a === id, other: names.get(e.a === id ? e.b : e.a) ?? '', cooperation: e.cooperation, strength: e.strength }))
      .sort((a, b) => Number(b.out) - Number(a.out) || String(a.other).localeCompare(String(b.other)));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (k === 'class') node.className = v;
      else node.setAttribute(k, String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    return node;
  }

  window.jejaringExplore = function explore(host, specs, { t }) {
    const rounds = specs.rounds;
    const state = { round: rounds.length - 1, focus: null, pinned: false, system: ALL, view: null };
    const systems = [...new Set(rounds.flatMap((r) => nodesOf(r.spec).filter((n) => !n.member).map((n) => n.category)))].sort();
    const chart = el('div', { class: 'explore-chart', id: 'explore-chart' });
    const panel = el('aside', { class: 'explore-panel', id: 'explore-panel', 'aria-live': 'polite' });
    const roundButtons = rounds.map((r, i) =>
      el('button', { type: 'button', class: 'round-button', 'data-round': r.id, onclick: () => show(i) }, r.label),
    );
    const select = el(
      'select',
      { id: 'explore-system', 'aria-label': t('explore.system') },
      el('option', { value: ALL }, t('explore.allSystems')),
      systems.map((s) => el('option', { value: s }, s)),
    );
    select.addEventListener('change', () => {
      state.system = select.value;
      state.view?.signal('system', state.system).runAsync();
    });
    host.replaceChildren(
      el(
        'div',
        { class: 'explore-controls' },
        el('div', { class: 'round-switch', role: 'group', 'aria-label': t('explore.rounds') }, roundButtons),
        el('label', {}, el('span', {}, t('explore.system')), select),
      ),
      el('div', { class: 'explore-body' }, chart, panel),
    );

    /** The focused actor's ties, before and after: one row per other actor, a column per round (→ named by it, ← naming it, with the cooperation level). */
    function describe() {
      if (!state.focus) return panel.replaceChildren(el('p', { class: 'muted' }, t('explore.hover')));
      const node = rounds.map((r) => nodesOf(r.spec).find((n) => n.id === state.focus)).find(Boolean);
      const perRound = rounds.map((r) => tiesOf(r.spec, state.focus));
      const others = [...new Set(perRound.flat().map((x) => x.other))].sort((a, b) => String(a).localeCompare(String(b)));
      const cell = (ties, other) => {
        const shown = ties
          .filter((x) => x.other === other)
          .map((x) => `${x.out ? '→' : '←'}${x.cooperation ?? '–'}`)
          .join(' ');
        return el('td', { class: shown ? 'tie' : 'none' }, shown || '·');
      };
      panel.replaceChildren(
        el('h3', {}, node?.label ?? state.focus),
        el('p', { class: 'muted' }, node?.category ?? ''),
        others.length === 0
          ? el('p', { class: 'muted' }, t('explore.noTies'))
          : el(
              'table',
              { class: 'ties' },
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  el('th', {}, t('explore.actor')),
                  rounds.map((r, i) => el('th', { 'data-count': perRound[i].length }, t('explore.tiesIn', { label: r.label, n: perRound[i].length }))),
                ),
              ),
              el('tbody', {}, others.map((o) => el('tr', {}, el('td', {}, o), perRound.map((ties) => cell(ties, o))))),
            ),
        el('p', { class: 'muted legend' }, t('explore.legend')),
      );
    }

    function setFocus(id) {
      if (state.focus === id) return;
      state.focus = id;
      state.view?.signal('focus', id).runAsync();
      describe();
    }

    async function show(i) {
      state.round = i;
      roundButtons.forEach((b, j) => {
        b.classList.toggle('on', j === i);
        b.setAttribute('aria-pressed', j === i ? 'true' : 'false');
      });
      state.view?.finalize();
      const result = await window.vegaEmbed(chart, interactive(rounds[i].spec, state.focus, state.system), {
        renderer: 'svg',
        actions: false,
        ast: true,
        tooltip: false,
      });
      state.view = result.view;
      const actorOf = (item) => (item?.datum && item.datum.id !== undefined && item.datum.from === undefined ? item.datum.id : null);
      state.view.addEventListener('mouseover', (_e, item) => {
        const id = actorOf(item);
        if (id && !state.pinned) setFocus(id);
      });
      state.view.addEventListener('mouseout', (_e, item) => {
        if (actorOf(item) && !state.pinned) setFocus(null);
      });
      state.view.addEventListener('click', (_e, item) => {
        const id = actorOf(item);
        state.pinned = id !== null && !(state.pinned && state.focus === id);
        setFocus(state.pinned ? id : null);
      });
      describe();
    }

    show(state.round);
  };
})();
