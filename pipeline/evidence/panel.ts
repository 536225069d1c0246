/**
 * Like for like: a change between two rounds is read on the **panel**, the respondents who
 * answered both. A respondent present in one round only says nothing about change: counting them
 * as having named nobody in the other round turns attrition into lost ties and newcomers into
 * gains. They are counted apart (joined, left) and shown as such.
 *
 * The panel network of a round keeps every roster actor and the ties recorded during mapping, and
 * the survey ties of panel respondents only; it is built by the network stage's own function
 * (network.ts `buildRoundGraph`), so strong ties and mapping ties follow the same rules.
 */

import type { PanelSummary } from '../model/metrics.ts';
import type { Actor, KnownTie, Round, Settings, Tie } from '../model/responses.ts';
import type { RoundGraph } from '../network.ts';
import { buildRoundGraph } from '../network.ts';

export interface Panel extends PanelSummary {
  /** Ids of the panel respondents, sorted. */
  ids: string[];
  /** Ids of the panel's members, sorted. */
  memberIds: string[];
}

export function panelOf(before: string[], after: string[], isMember: (id: string) => boolean): Panel {
  const a = new Set(before);
  const b = new Set(after);
  const ids = [...a].filter((x) => b.has(x)).sort();
  const side = (list: string[]) => ({ ids: list, members: list.filter(isMember).length, outside: list.filter((x) => !isMember(x)).length });
  const memberIds = ids.filter(isMember);
  return {
    ids,
    memberIds,
    respondents: ids.length,
    members: memberIds.length,
    joined: side([...b].filter((x) => !a.has(x)).sort()),
    left: side([...a].filter((x) => !b.has(x)).sort()),
  };
}

/** Nobody joined or left: the panel network is the round's own network. */
export const wholePanel = (p: PanelSummary) => p.joined.ids.length === 0 && p.left.ids.length === 0;

/** The round's network with only the panel's survey ties (mapping ties and every actor kept). */
export function panelGraph(
  graph: RoundGraph,
  round: Round,
  panel: string[],
  actors: Actor[],
  knownTies: KnownTie[],
  settings: Settings,
): RoundGraph {
  const inPanel = new Set(panel);
  const ties: Tie[] = [];
  graph.forEachDirectedEdge((_e, t, s, target) => {
    if (t.origin !== 'survey' || !inPanel.has(s)) return;
    const { trust, cooperation, frequency, resources, formal } = t;
    ties.push({ from: s, to: target, trust, cooperation, frequency, resources, formal, source: { file: round.file, line: 0 } });
  });
  return buildRoundGraph(actors, { respondents: panel, ties }, settings, knownTies);
}
