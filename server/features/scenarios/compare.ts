// A scenario next to the grid as it is: the rules' warnings, a change table per new community
// and per community that keeps part of its villages, the balance across the new communities,
// and the city's units before → after as the report counts them.
import type { AppContext } from '../../context';
import { balanceOf, type Balance } from '../../analysis/scenarios/balance';
import { detachedMembers } from '../../analysis/scenarios/contiguity';
import { enclosedUnits, holesOf } from '../../analysis/scenarios/enclaves';
import { townsCrossed } from '../../analysis/scenarios/towns';
import { formsAfter } from '../../analysis/scenarios/forms';
import { isRural, type CommunityKind } from '../../domain/kinds';
import { formFor, type FormCounts, type UnitForm } from '../../domain/organisations';
import { computeStats } from '../stats/service';
import { groupShapes, touchedCommunities, unitFigures, type CommunityNow, type UnitFigures } from './figures';
import { resolveGroups, type ResolvedGroup } from './members';
import type { Scenario } from './store';

const side = (kind: string) => (isRural(kind as CommunityKind) ? 'village' : 'community');

export interface Figures {
  buildings: number;
  population: number;
  households: number;
  landM2: number;
  partyMembers: number;
  /** Share of the population within a party service centre's radius, before and after. */
  coverage: { before: number | null; after: number | null };
  farthestM: { before: number | null; after: number | null };
}

export interface GroupRow extends Figures {
  key: string;
  name: string;
  nameEn: string;
  kind: string;
  townId: string;
  villages: string[];
  fromCommunities: Array<{ id: string; name: string; form: string | null; members: number | null; whole: boolean }>;
  form: UnitForm;
  /** Current communities whose organisation's form differs from the new one. */
  formChanges: Array<{ id: string; from: string | null; to: UnitForm }>;
  warnings: { detached: string[]; holes: number; enclaves: string[]; townsCrossed: string[] };
}

export interface RemainderRow extends Figures {
  id: string;
  name: string;
  villagesKept: number;
  form: { before: string | null; after: UnitForm | null };
}

export interface Comparison {
  scenario: { id: string; version: number; status: string };
  groups: GroupRow[];
  remainders: RemainderRow[];
  removedCommunities: string[];
  balance: { population: Balance; landM2: Balance; partyMembers: Balance };
  totals: {
    communities: { before: Record<string, number>; after: Record<string, number> };
    partyOrgs: { village: { before: FormCounts; after: FormCounts }; community: { before: FormCounts; after: FormCounts } };
    areasToReplan: number;
  };
  elapsedMs: number;
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

function figuresOf(u: UnitFigures | undefined): Figures {
  if (!u) return { buildings: 0, population: 0, households: 0, landM2: 0, partyMembers: 0, coverage: { before: null, after: null }, farthestM: { before: null, after: null } };
  return {
    buildings: u.buildings,
    population: u.population,
    households: u.households,
    landM2: u.landM2,
    partyMembers: u.partyMembers,
    coverage: { before: share(u.coveredBefore, u.population), after: share(u.coveredAfter, u.population) },
    farthestM: { before: u.farthestBeforeM, after: u.farthestAfterM },
  };
}

/** The touched community giving most land to the unit: the new community takes its kind and town. */
function mainSource(unit: string, communities: CommunityNow[]): CommunityNow {
  return [...communities].sort((a, b) => (b.landTo[unit] ?? 0) - (a.landTo[unit] ?? 0) || a.id.localeCompare(b.id))[0]!;
}

export async function compareScenario(ctx: AppContext, scenario: Scenario, resolved?: ResolvedGroup[]): Promise<Comparison> {
  const started = performance.now();
  const stats = await computeStats(ctx);
  const k = ctx.db.knex;
  const groups = resolved ?? (await resolveGroups(k, ctx.region, scenario.townIds, scenario.groups));
  const [units, communities, shapes, replan] = await Promise.all([
    unitFigures(k, ctx.region, groups),
    touchedCommunities(k, ctx.region, groups),
    groupShapes(k, ctx.region, groups),
    k.raw(
      `SELECT count(DISTINCT a.id) AS n FROM contracted_areas a JOIN villages v ON v.region = a.region AND v.community_id = a.community_id
       WHERE a.region = :region AND v.id IN (SELECT jsonb_array_elements_text(:villages::jsonb))`,
      { region: ctx.region, villages: JSON.stringify(groups.flatMap((g) => g.members)) },
    ),
  ]);
  const unit = new Map(units.map((u) => [u.unit, u]));
  const shapeOf = new Map(shapes.map((s) => [s.key, s]));

  const groupRows: GroupRow[] = groups.map((g) => {
    const key = `g:${g.key}`;
    const figures = figuresOf(unit.get(key));
    const sources = communities.filter((c) => (c.landTo[key] ?? 0) > 0);
    const main = mainSource(key, sources);
    const form = formFor(figures.partyMembers);
    const shape = shapeOf.get(g.key)!;
    return {
      key: g.key,
      name: g.name,
      nameEn: g.nameEn,
      kind: main.kind,
      townId: main.townId,
      villages: g.members,
      fromCommunities: sources.map((c) => ({ id: c.id, name: c.name, form: c.orgForm, members: c.orgMembers, whole: c.keeps === 0 && Object.keys(c.landTo).length === 1 })),
      form,
      formChanges: sources.filter((c) => c.orgForm !== form).map((c) => ({ id: c.id, from: c.orgForm, to: form })),
      warnings: {
        detached: detachedMembers(g.members, shape.borders),
        holes: holesOf(shape.outline).length,
        enclaves: enclosedUnits(shape.outline, shape.around),
        townsCrossed: townsCrossed(shape.villageTowns),
      },
      ...figures,
    };
  });

  const remainders: RemainderRow[] = communities
    .filter((c) => c.keeps > 0)
    .map((c) => {
      const figures = figuresOf(unit.get(`c:${c.id}`));
      return {
        id: c.id,
        name: c.name,
        villagesKept: c.keeps,
        form: { before: c.orgForm, after: c.orgForm === null ? null : formFor(figures.partyMembers) },
        ...figures,
      };
    });
  const removed = communities.filter((c) => c.keeps === 0);

  const communitiesBefore = { ...stats.communities } as Record<string, number>;
  const kindKey: Record<string, string> = { rural: 'rural', village_residence: 'villageResidence', township: 'township', urban: 'urban' };
  const communitiesAfter = { ...communitiesBefore };
  // The report counts village-residence communities among the rural ones and township ones among the urban.
  const count = (kind: string, by: number) => {
    communitiesAfter[kindKey[kind]!]! += by;
    const broad = isRural(kind as CommunityKind) ? 'rural' : 'urban';
    if (kind !== broad) communitiesAfter[broad]! += by;
  };
  for (const c of removed) count(c.kind, -1);
  for (const g of groupRows) count(g.kind, 1);

  const formsOf = (s: 'village' | 'community') => {
    const gone = [...removed, ...communities.filter((c) => c.keeps > 0)].filter((c) => side(c.kind) === s && c.orgForm).map((c) => c.orgForm as UnitForm);
    const come = [
      ...groupRows.filter((g) => side(g.kind) === s).map((g) => g.form),
      ...remainders.filter((r) => r.form.after && side(communities.find((c) => c.id === r.id)!.kind) === s).map((r) => r.form.after!),
    ];
    return { before: stats.partyOrgs[s], after: formsAfter(stats.partyOrgs[s], gone, come) };
  };

  return {
    scenario: { id: scenario.id, version: scenario.version, status: scenario.status },
    groups: groupRows,
    remainders,
    removedCommunities: removed.map((c) => c.id),
    balance: {
      population: balanceOf(groupRows.map((g) => g.population)),
      landM2: balanceOf(groupRows.map((g) => g.landM2)),
      partyMembers: balanceOf(groupRows.map((g) => g.partyMembers)),
    },
    totals: {
      communities: { before: communitiesBefore, after: communitiesAfter },
      partyOrgs: { village: formsOf('village'), community: formsOf('community') },
      areasToReplan: Number(replan.rows[0].n),
    },
    elapsedMs: Math.round(performance.now() - started),
  };
}
