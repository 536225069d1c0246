/**
 * Density and reciprocity split by kind of pair: among members (member → member), between members
 * and outside actors (a member and an outside actor, either direction) and among outside actors
 * (mostly the ties known from mapping).
 *
 * Why: in a survey that members answer and most outside actors do not, a member's tie to an
 * outside actor can be returned only when that actor answered. A group that starts naming many
 * outside parties therefore lowers the whole network's reciprocity although nothing changed among
 * members: in the sample, edgewise reciprocity goes 37 % → 27 % overall while among members it
 * goes 36 % → 47 %. Each block read apart says which.
 *
 * Definitions: the block densities of a density table by group (the density table of a blockmodel,
 * Wasserman & Faust 1994, ch. 10; UCINET's *Density by groups*) and igraph's
 * `reciprocity` restricted to the ties of the block. For m members and o outside actors:
 * - **ties**: ordered pairs (u, v), u ≠ v, with a tie u → v whose two ends fall in the block;
 * - **pairs**: ordered pairs the block has, m(m−1), 2mo and o(o−1);
 * - **density** = ties / pairs (null when the block has no pair);
 * - **reciprocityEdgewise** = ties whose reverse tie exists / ties (igraph mode "default"; null
 *   without ties); **reciprocityDyadic** = mutual dyads / (mutual + asymmetric dyads) (igraph mode
 *   "ratio"). A tie and its reverse always fall in the same block.
 * Over every tie of the round graph, survey and mapping, as `NetworkFigures.density` and
 * `reciprocityEdgewise` are. The blocks partition all ordered pairs, so their ties, pairs and
 * reciprocated ties add up to the whole network's (test/split.test.ts checks it on the sample).
 * `outsideRespondents` counts the outside actors who answered in the round: only they can return
 * a member's tie.
 */
import type { AbstractGraph } from 'graphology-types';
import type { BlockFigures, SplitFigures } from '../model/metrics.ts';

type Block = 'memberMember' | 'memberOutside' | 'outsideOutside';

export function splitFigures(
  graph: AbstractGraph,
  isMember: (node: string) => boolean,
  isRespondent: (node: string) => boolean,
): SplitFigures {
  let m = 0;
  let o = 0;
  let outsideRespondents = 0;
  graph.forEachNode((node) => {
    if (isMember(node)) m++;
    else {
      o++;
      if (isRespondent(node)) outsideRespondents++;
    }
  });
  const count = { memberMember: 0, memberOutside: 0, outsideOutside: 0 };
  const returned = { memberMember: 0, memberOutside: 0, outsideOutside: 0 };
  graph.forEachDirectedEdge((_e, _a, source, target) => {
    if (source === target) return;
    const [a, b] = [isMember(source), isMember(target)];
    const block: Block = a && b ? 'memberMember' : a || b ? 'memberOutside' : 'outsideOutside';
    count[block]++;
    if (graph.hasDirectedEdge(target, source)) returned[block]++;
  });
  const figures = (block: Block, pairs: number): BlockFigures => {
    const ties = count[block];
    const mutual = returned[block] / 2;
    const asymmetric = ties - returned[block];
    return {
      ties,
      pairs,
      density: pairs > 0 ? ties / pairs : null,
      reciprocityEdgewise: ties > 0 ? returned[block] / ties : null,
      reciprocityDyadic: ties > 0 ? mutual / (mutual + asymmetric) : null,
    };
  };
  return {
    memberMember: figures('memberMember', m * (m - 1)),
    memberOutside: figures('memberOutside', 2 * m * o),
    outsideOutside: figures('outsideOutside', o * (o - 1)),
    outsideRespondents,
  };
}
