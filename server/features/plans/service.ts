// Saving a community's contracted areas as one plan, in one transaction: lock the community and
// its areas, check the client's versions (stale, or an area it did not know → 409 with the plan
// as it is now), work out every area's outline and buildings, check every rule, and only when
// all hold write the areas (create / update / delete through the shared write mechanism), the
// buildings' areas, and the groups and organisations below. The plan's rules (contiguity and
// balance, server/domain/plan-rules.ts) are warnings: a save with one the planner has not
// accepted by name is refused like a broken error rule, and the save's audit row records the
// accepted ones. A dry run answers what the save would, and stops before writing.
//
// Modes: every area gives `buildings` (painted: outline = its buildings' Voronoi cells), or every
// area gives `geometry` (drawn: buildings go to the area whose outline covers them), or none
// does (kept: outlines and buildings stay; names and leads change, an area without buildings
// may be removed).
import type { MultiPolygon } from 'geojson';
import {
  areaRef, areaTotals, coverageProblems, duplicateProblem, paintingProblems, PlanInputError, planMode, staleness,
  type AreaTotals, type PlanMode, type PlanProblem,
} from '../../analysis/plan-rules';
import type { AppContext } from '../../context';
import { buildingAdjacency } from '../../domain/adjacency';
import { ruleWarnings, type PlanMeasure } from '../../domain/plan-rules';
import { acceptKey, auditedWarnings, splitAccepted, type Problem } from '../../domain/problems';
import { HttpError, problem, RefusedError } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import type { Within } from '../../db/write';
import { geometrySql } from '../writes/geometry';
import { createWithin, deleteWithin, newObjectId, writeWithin } from '../writes/service';
import { reachCommunity } from '../auth/guard';
import { acceptDrawn, coverage, fitToCommunity, judgeOutlines, paintedOutlines, type Outlines } from './check';
import { refreshOrganisations, type OrganisationChanges } from './organisations';
import { readPlan, type Plan } from './read';
import type { PlanAreaInput, PlanBody } from './schema';

export interface PlanReport {
  mode: PlanMode;
  areas: Array<{ ref: string; name: string; landM2: number } & AreaTotals>;
  /** The community's land and buildings no area covers (slivers under 1 m² left out). */
  gaps: { landM2: number; geometry: MultiPolygon | null; buildings: string[] };
}

export interface PlanSaved {
  saved: boolean;
  report: PlanReport;
  /** The rule warnings of the plan (all accepted, or the save would have been refused). */
  warnings: Problem[];
  /** New areas' ids by their "#index" in the request. */
  created: Record<string, string>;
  /** Areas given a new version (created ones at version 1), and those deleted. */
  updated: string[];
  deleted: string[];
  organisations?: OrganisationChanges;
  /** The plan after the save, as GET answers it. */
  plan?: Plan;
}

interface Checked {
  outlines: Outlines;
  coveredBy: Map<string, string[]>;
  unchanged: Set<string>;
  problems: PlanProblem[];
  warnings: Problem[];
  report: PlanReport;
}

/** Where each area's outline and buildings come from, by mode; then the rules over the result. */
async function checkPlan(k: Within['trx'], region: string, plan: Plan, body: PlanBody, mode: PlanMode): Promise<Checked> {
  const community = plan.community.id;
  const refs = body.areas.map(areaRef);
  const names = new Map(refs.map((ref, i) => [ref, body.areas[i]!.name]));
  const problems: PlanProblem[] = [];
  let outlines: Outlines;
  let coveredBy: Map<string, string[]>;
  if (mode === 'painted') {
    const own = new Set(plan.buildings.map((b) => b.id));
    const strangers = [...new Set(body.areas.flatMap((a) => a.buildings!.filter((b) => !own.has(b))))];
    const elsewhere = new Map<string, string>(
      strangers.length
        ? ((await k('buildings as b')
            .join('contracted_areas as a', function () {
              this.on('a.region', 'b.region').andOn('a.id', 'b.area_id');
            })
            .where('b.region', region)
            .whereIn('b.id', strangers)
            .select('b.id', 'a.community_id')) as Array<{ id: string; community_id: string }>).map((r) => [r.id, r.community_id])
        : [],
    );
    const painted = body.areas.map((a, i) => ({ ref: refs[i]!, name: a.name, buildings: a.buildings! }));
    const painting = paintingProblems(painted, own, elsewhere);
    problems.push(...painting.problems);
    coveredBy = painting.coveredBy;
    outlines = await paintedOutlines(k, region, community, painted.map((p) => ({ ref: p.ref, buildings: p.buildings.filter((b) => own.has(b)) })));
    for (const ref of refs.filter((r) => !outlines.has(r))) problems.push({ code: 'plan_empty_area', params: { area: names.get(ref)! }, ids: [ref] });
  } else if (mode === 'drawn') {
    const drawn = body.areas.map((a, index) => ({ ref: refs[index]!, index, name: a.name, geometry: a.geometry }));
    const gate = await acceptDrawn(k, drawn, body.crs!);
    problems.push(...gate.problems);
    const fitted = await fitToCommunity(k, region, community, gate.accepted, body.clip ?? false, names);
    problems.push(...fitted.problems);
    outlines = fitted.outlines;
    coveredBy = await coverage(k, region, community, outlines);
  } else {
    const kept = new Set(refs);
    outlines = new Map(plan.areas.filter((a) => kept.has(a.id)).map((a) => [a.id, JSON.stringify(a.geometry)]));
    coveredBy = new Map(plan.buildings.filter((b) => kept.has(b.areaId)).map((b) => [b.id, [b.areaId]]));
  }
  const judged = await judgeOutlines(k, region, community, outlines, names);
  problems.push(...judged.problems, ...coverageProblems(plan.buildings.map((b) => b.id), coveredBy, names));
  const totals = areaTotals(refs, plan.buildings, coveredBy);
  const report: PlanReport = {
    mode,
    areas: body.areas.map((a, i) => ({ ref: refs[i]!, name: a.name, landM2: judged.land.get(refs[i]!) ?? 0, ...totals.get(refs[i]!)! })),
    gaps: { ...judged.gap, buildings: plan.buildings.filter((b) => !coveredBy.get(b.id)?.length).map((b) => b.id) },
  };
  const warnings = planWarnings(plan, refs, names, coveredBy, totals, body.measure ?? 'population');
  return { outlines, coveredBy, unchanged: judged.unchanged, problems, warnings, report };
}

/** The plan's rule warnings, judged by the domain's rules over the buildings each area holds. */
export function planWarnings(
  plan: Plan,
  refs: readonly string[],
  names: ReadonlyMap<string, string>,
  coveredBy: ReadonlyMap<string, string[]>,
  totals: ReadonlyMap<string, AreaTotals>,
  measure: PlanMeasure,
): Problem[] {
  const members = new Map(refs.map((ref) => [ref, [] as number[]]));
  plan.buildings.forEach((b, i) => {
    for (const ref of coveredBy.get(b.id) ?? []) members.get(ref)?.push(i);
  });
  const adjacency = buildingAdjacency(plan.buildings.map((b) => [b.lng, b.lat]), plan.community.geometry);
  const areas = refs.map((ref) => ({ ref, name: names.get(ref) ?? ref, members: members.get(ref)!, size: totals.get(ref)![measure] }));
  return ruleWarnings(adjacency, areas, measure).map((w) => problem({ ...w, severity: 'warning' }));
}

/** The attributes a request sets, by attribute name (see writes/objects.ts). */
function attributesOf(a: PlanAreaInput): Record<string, string> {
  const given = { name: a.name, nameEn: a.nameEn, leadName: a.leadName, leadPhone: a.leadPhone };
  return Object.fromEntries(Object.entries(given).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Every building whose area changes, moved in one statement. */
export async function moveBuildings(region: string, within: Within, actor: AuthUser, plan: Plan, areaOf: (building: string) => string): Promise<void> {
  const moves = plan.buildings
    .map((b) => ({ id: b.id, area: areaOf(b.id), from: b.areaId }))
    .filter((m) => m.area !== m.from)
    .map(({ id, area }) => ({ id, area }));
  if (!moves.length) return;
  const { rows } = await within.trx.raw(
    `UPDATE buildings b SET area_id = m.area, version = b.version + 1, updated_at = now(), updated_by = :actor
     FROM jsonb_to_recordset(:moves::jsonb) AS m(id text, area text)
     WHERE b.region = :region AND b.id = m.id
     RETURNING b.id`,
    { region, actor: actor.username, moves: JSON.stringify(moves) },
  );
  for (const r of rows as Array<{ id: string }>) within.touch('buildings', { region, id: r.id });
}

async function applyPlan(ctx: AppContext, within: Within, actor: AuthUser, plan: Plan, body: PlanBody, mode: PlanMode, checked: Checked): Promise<Omit<PlanSaved, 'saved' | 'report' | 'warnings' | 'plan'>> {
  const { region } = ctx;
  const community = plan.community.id;
  const idOf = new Map<string, string>();
  const created: Record<string, string> = {};
  const updated: string[] = [];
  for (const [i, a] of body.areas.entries()) {
    const ref = areaRef(a, i);
    const outline = checked.outlines.get(ref)!;
    if (a.id === undefined) {
      const id = await newObjectId(ctx, within, 'area', 'A-');
      // A new area without a lead yet has blank lead fields, as the table needs text there.
      const attributes = { nameEn: a.name, leadName: '', leadPhone: '', ...attributesOf(a) };
      await createWithin(ctx, within, actor, { type: 'area', id, attributes, parent: { community_id: community }, geometry: geometrySql(outline), note: { plan: mode } });
      idOf.set(ref, id);
      created[ref] = id;
      updated.push(id);
      continue;
    }
    idOf.set(ref, a.id);
    const now = plan.areas.find((p) => p.id === a.id)! as unknown as Record<string, unknown>;
    const changed = Object.fromEntries(Object.entries(attributesOf(a)).filter(([name, value]) => now[name] !== value));
    const reshaped = mode !== 'kept' && !checked.unchanged.has(ref);
    if (!reshaped && !Object.keys(changed).length) continue;
    await writeWithin(ctx, within, actor, {
      type: 'area',
      id: a.id,
      version: a.version!,
      attributes: changed,
      ...(reshaped ? { geometry: geometrySql(outline), note: { plan: mode, ...(mode === 'drawn' ? { crs: body.crs } : {}) } } : {}),
    });
    updated.push(a.id);
  }

  if (mode !== 'kept') await moveBuildings(region, within, actor, plan, (id) => idOf.get(checked.coveredBy.get(id)![0]!)!);

  const removed = body.removed ?? [];
  const organisations = await refreshOrganisations(ctx, within, actor, community, removed.map((r) => r.id));
  for (const r of removed) await deleteWithin(ctx, within, actor, { type: 'area', id: r.id, version: r.version });
  return { created, updated, deleted: removed.map((r) => r.id), organisations };
}

/** The body's shape problems (mixed modes, a name twice): a 400 with the code. */
function planModeOf(body: PlanBody): PlanMode {
  try {
    const mode = planMode(body.areas);
    const duplicate = duplicateProblem(body.areas, body.removed ?? []);
    if (duplicate) throw duplicate;
    return mode;
  } catch (err) {
    if (err instanceof PlanInputError) throw new HttpError(400, err.code, err.params);
    throw err;
  }
}

/** The client's versions against the plan now: any difference is a 409 with the plan as it is. */
function refuseStale(plan: Plan, body: PlanBody): void {
  const named = [...body.areas.flatMap((a) => (a.id === undefined ? [] : [{ id: a.id, version: a.version! }])), ...(body.removed ?? [])];
  const { stale, unlisted } = staleness(plan.areas, named);
  if (stale.length || unlisted.length) throw new HttpError(409, 'plan_stale', { stale, unlisted }, { current: plan });
}

export async function savePlan(ctx: AppContext, actor: AuthUser, communityId: string, body: PlanBody): Promise<PlanSaved> {
  await reachCommunity(ctx, actor, communityId);
  const mode = planModeOf(body);

  return ctx.db.write(async (trx, touch) => {
    const { region } = ctx;
    // The community's row serialises saves of its plan; its areas' rows hold off single-area edits.
    await trx.raw('SELECT id FROM communities WHERE region = ? AND id = ? FOR UPDATE', [region, communityId]);
    await trx.raw('SELECT id FROM contracted_areas WHERE region = ? AND community_id = ? ORDER BY id FOR UPDATE', [region, communityId]);
    const plan = (await readPlan(trx, region, communityId))!;
    refuseStale(plan, body);
    const checked = await checkPlan(trx, region, plan, body, mode);
    const { accepted, open } = splitAccepted(checked.warnings, body.acceptWarnings);
    const errors = checked.problems.map((p) => problem(p));
    if (errors.length || open.length) throw new RefusedError([...errors, ...checked.warnings], { report: checked.report, accepted: accepted.map(acceptKey) });
    if (body.dryRun) return { saved: false, report: checked.report, warnings: checked.warnings, created: {}, updated: [], deleted: [] };
    const applied = await applyPlan(ctx, { trx, touch }, actor, plan, body, mode, checked);
    await audit(
      ctx,
      {
        action: 'plan_save',
        actorId: actor.id,
        actor: actor.username,
        objectType: 'community',
        objectId: communityId,
        detail: { mode, measure: body.measure ?? 'population', created: applied.created, updated: applied.updated, deleted: applied.deleted, acceptedWarnings: auditedWarnings(accepted) },
      },
      { trx, touch },
    );
    return { saved: true, report: checked.report, warnings: checked.warnings, ...applied, plan: await readPlan(trx, region, communityId) };
  });
}
