// The registers' rules (登记簿): what a hand edit of a building or an organisation may not do,
// and what it may do only when the editor accepts it by name (a warning). Pure, so the server
// judges a write with them and the page can say the same before it saves.
import type { MessageCode } from './messages';
import { formFor, type UnitForm } from './organisations';

/** A building's figures, as the registers count them. */
export const BUILDING_FIGURES = ['households', 'population', 'partyMembers'] as const;
export type BuildingFigure = (typeof BUILDING_FIGURES)[number];
export type BuildingFigures = Record<BuildingFigure, number>;

/** A broken rule before it is worded: the code, the objects it concerns (its accept key) and the figures. */
export interface Finding {
  code: Extract<MessageCode, `register_${string}`>;
  severity: 'error' | 'warning';
  ids: string[];
  params: Record<string, string | number | readonly (string | number)[]>;
}

/**
 * What an organisation's unit decides for it: the members of an area's (level 3) and a building
 * group's (level 4) organisation are the party members of its buildings, and its form follows
 * them; levels 1 and 2 are kept by hand.
 */
export const followedOrganisationFields = (level: number): readonly ('members' | 'form')[] => (level >= 3 ? ['members', 'form'] : []);

export interface OrganisationFacts {
  name: string;
  level: number;
  form: string;
  members: number;
}

/**
 * A town's or community's organisation whose form no longer matches its members (formFor):
 * a warning, as the party may keep a form for a while (a 党委 approved with 98 members).
 * Only when the edit changes the form or the members: an old mismatch is not this editor's doing.
 */
export function organisationFindings(id: string, before: OrganisationFacts, after: OrganisationFacts): Finding[] {
  if (after.level >= 3) return [];
  if (before.form === after.form && before.members === after.members) return [];
  const expected: UnitForm = formFor(after.members);
  if (after.form === expected) return [];
  return [{ code: 'register_form_mismatch', severity: 'warning', ids: [id], params: { name: after.name, form: after.form, members: after.members, expected } }];
}

/** A building cannot hold more households or party members than people. */
export function buildingFindings(id: string, b: BuildingFigures & { address: string }): Finding[] {
  const out: Finding[] = [];
  for (const figure of ['households', 'partyMembers'] as const) {
    if (b[figure] > b.population) out.push({ code: 'register_exceeds_population', severity: 'error', ids: [id], params: { address: b.address, figure, value: b[figure], population: b.population } });
  }
  return out;
}

/**
 * A split's parts add up to the building they came from, or the registers' totals change with
 * it: a warning naming the figures that differ, to be accepted by name.
 */
export function splitFindings(id: string, address: string, whole: BuildingFigures, parts: readonly BuildingFigures[]): Finding[] {
  const differ = BUILDING_FIGURES.filter((f) => parts.reduce((s, p) => s + p[f], 0) !== whole[f]);
  if (!differ.length) return [];
  return [
    {
      code: 'register_split_totals',
      severity: 'warning',
      ids: [id],
      params: { address, figures: differ, before: differ.map((f) => whole[f]), after: differ.map((f) => parts.reduce((s, p) => s + p[f], 0)) },
    },
  ];
}
