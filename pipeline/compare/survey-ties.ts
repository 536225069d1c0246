/**
 * The ties respondents reported in one round (not those recorded during mapping), with what the
 * comparisons need: who reported it about whom, whether either is a member, the ratings, the MoU and
 * whether the tie is strong. Read by the tie changes, the QAP correlation and the panel tests.
 */
import type { AbstractGraph } from 'graphology-types';
import type { ActorAttributes, TieAttributes } from '../model/responses.ts';

export interface SurveyTie {
  from: string;
  to: string;
  fromMember: boolean;
  toMember: boolean;
  trust: number | null;
  cooperation: number | null;
  formal: boolean | null;
  strong: boolean;
}

export function surveyTies(graph: AbstractGraph<ActorAttributes, TieAttributes>): SurveyTie[] {
  const out: SurveyTie[] = [];
  graph.forEachDirectedEdge((_e, a, s, t) => {
    if (a.origin !== 'survey') return;
    out.push({
      from: s,
      to: t,
      fromMember: graph.getNodeAttribute(s, 'member'),
      toMember: graph.getNodeAttribute(t, 'member'),
      trust: a.trust,
      cooperation: a.cooperation,
      formal: a.formal,
      strong: a.strong,
    });
  });
  return out;
}
