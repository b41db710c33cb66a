import type { DirectoryPicks } from '../../design/directory-picks.js';
import { textKeys } from '../../design/sort-key.js';
import { nameForms, rankMatch, RANK, type NameForms } from './rank-match.js';

/** A person or a group (a department is a group) as a names picker offers it. */
export interface DirectoryEntry {
  readonly name: string;
  readonly kind: 'person' | 'group';
  /** A person's department and title; a group's member count. */
  readonly department?: string;
  readonly title?: string;
  readonly members?: number;
}

interface Indexed {
  readonly entry: DirectoryEntry;
  readonly forms: NameForms;
  /** A person's department and title: a match there ranks after every match by name. */
  readonly other?: NameForms;
  readonly sort: string;
}

/**
 * The directory ready to be searched as one types: people by their name (also its pinyin and
 * initials, surnames read as such), department and title; groups by their name. Built once per
 * directory read, since the pinyin conversion is the costly part.
 */
export class DirectoryMatcher {
  private readonly entries: readonly Indexed[];

  constructor(picks: DirectoryPicks) {
    this.entries = [
      ...picks.people.map((p): Indexed => ({
        entry: { name: p.name, kind: 'person', department: p.department, title: p.title },
        forms: nameForms([{ text: p.name, pinyin: true, personName: true }]),
        other: nameForms([p.department, p.title].flatMap((text) => (text ? [{ text, pinyin: true }] : []))),
        sort: textKeys(p.name, { personName: true }).sort,
      })),
      ...picks.groups.map((g): Indexed => ({
        entry: { name: g.name, kind: 'group', members: g.members },
        forms: nameForms([{ text: g.name, pinyin: true }]),
        sort: textKeys(g.name).sort,
      })),
    ];
  }

  /**
   * What `query` finds, best first and in pinyin order within a rank (张 by zhang), those already
   * chosen left out; an empty query lists everyone, people before groups.
   */
  matches(query: string, chosen: ReadonlySet<string>, limit: number): DirectoryEntry[] {
    return this.entries
      .filter((e) => !chosen.has(e.entry.name))
      .map((e) => ({ e, rank: query.trim() === '' ? (e.entry.kind === 'person' ? 0 : 1) : rankOf(query, e) }))
      .filter(({ rank }) => rank < RANK.elsewhere)
      .sort((a, b) => a.rank - b.rank || a.e.sort.localeCompare(b.e.sort))
      .slice(0, limit)
      .map(({ e }) => e.entry);
  }
}

/** By name first; by department or title (销售部 finds its people) after every name. */
function rankOf(query: string, indexed: Indexed): number {
  const byName = rankMatch(query, indexed.forms);
  if (byName < RANK.elsewhere || !indexed.other) return byName;
  return rankMatch(query, indexed.other) < RANK.elsewhere ? RANK.within + 0.5 : RANK.elsewhere;
}
