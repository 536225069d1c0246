/** The combined view over a folder of cases (`<out>/_gabungan/`), as types only. */
import type { Category } from '../domain.ts';

export interface SharedActor {
  name: string;
  category: Category;
  groupsNaming: string[];
  groupsCooperating: string[];
}

export interface GroupSummary {
  case: string;
  group: string;
  round: string;
  members: number;
  outsideKnown: number;
  outsideCooperating: number;
  /** Other groups that name at least one of the same outside actors. */
  sharesWith: string[];
  isolated: boolean;
}

export interface Combined {
  groups: GroupSummary[];
  actors: SharedActor[];
}
