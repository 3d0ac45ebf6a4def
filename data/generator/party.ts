// The four-level party grid: town (街道党工委 / 镇党委) → community organisation →
// 片区党支部 → 楼栋党小组. Level-2 forms are fixed by the report (240 village organisations
// = 31 + 176 + 33, 54 community ones = 1 + 24 + 29); they go to communities by size, and
// member counts are chosen inside the form's band (≥100 党委, 50–99 党总支, <50 党支部).
import { formFor, type UnitForm } from '../../server/domain/organisations.js';
import type { PartyOrg } from '../city.js';
import { apportion } from './apportion.js';
import { personName } from './names.js';
import type { Random } from './rng.js';

export const VILLAGE_ORG_FORMS = { 党委: 31, 党总支: 176, 党支部: 33 } as const;
export const COMMUNITY_ORG_FORMS = { 党委: 1, 党总支: 24, 党支部: 29 } as const;
export const VOLUNTEERS = 12_335;

const BAND: Record<UnitForm, [number, number]> = {
  党委: [100, 320],
  党总支: [50, 99],
  党支部: [15, 49],
};

export interface OrgInput {
  towns: Array<{ id: string; name: string; street: boolean }>;
  communities: Array<{ id: string; name: string; townIndex: number; rural: boolean; pop1: number; leaderless: boolean }>;
  areas: Array<{ id: string; name: string; members: number }>;
  groups: Array<{ id: string; name: string; members: number }>;
}

export function buildPartyOrgs(I: OrgInput, rnd: Random): PartyOrg[] {
  const level2: PartyOrg[] = [];
  const assign = (pool: typeof I.communities, forms: Record<UnitForm, number>): void => {
    // Largest communities get the higher forms; id breaks ties for stability.
    const ranked = [...pool].sort((a, b) => b.pop1 - a.pop1 || a.id.localeCompare(b.id));
    const seq: Array<UnitForm> = [
      ...Array<'党委'>(forms.党委).fill('党委'),
      ...Array<'党总支'>(forms.党总支).fill('党总支'),
      ...Array<'党支部'>(forms.党支部).fill('党支部'),
    ];
    if (seq.length !== ranked.length) throw new Error(`form quota ${seq.length} ≠ ${ranked.length} organisations`);
    ranked.forEach((c, k) => {
      const form = seq[k] as UnitForm;
      const [lo, hi] = BAND[form];
      const members = Math.max(lo, Math.min(hi, Math.round(c.pop1 * 0.035 * rnd.range(0.85, 1.15))));
      level2.push({
        id: `P2-${c.id}`,
        level: 2,
        unitId: c.id,
        name: c.name + form,
        form: formFor(members),
        members,
        secretary: personName(rnd),
        volunteers: 0,
      });
    });
  };
  assign(I.communities.filter((c) => c.rural && !c.leaderless), VILLAGE_ORG_FORMS);
  assign(I.communities.filter((c) => !c.rural), COMMUNITY_ORG_FORMS);
  // Keep community order in the output, whatever order the forms were handed out in.
  const order = new Map(I.communities.map((c, k) => [c.id, k]));
  level2.sort((a, b) => (order.get(a.unitId) as number) - (order.get(b.unitId) as number));
  const vols = apportion(VOLUNTEERS, level2.map((o) => o.members));
  level2.forEach((o, k) => (o.volunteers = vols[k] as number));

  const level1: PartyOrg[] = I.towns.map((t, ti) => {
    const own = level2.filter((o) => I.communities[order.get(o.unitId) as number]?.townIndex === ti);
    const members = own.reduce((s, o) => s + o.members, 0) + rnd.int(20, 60);
    return {
      id: `P1-${t.id}`,
      level: 1,
      unitId: t.id,
      name: t.name + (t.street ? '党工委' : '党委'),
      form: formFor(members),
      members,
      secretary: personName(rnd),
      volunteers: 0,
    };
  });
  const level3: PartyOrg[] = I.areas.map((a) => {
    const members = Math.max(3, Math.min(49, a.members));
    return { id: `P3-${a.id}`, level: 3, unitId: a.id, name: `${a.name}党支部`, form: formFor(members), members, secretary: personName(rnd), volunteers: 0 };
  });
  const level4: PartyOrg[] = I.groups.map((g) => ({
    id: `P4-${g.id}`,
    level: 4,
    unitId: g.id,
    name: g.name,
    form: '党小组',
    members: Math.max(1, g.members),
    secretary: personName(rnd),
    volunteers: 0,
  }));
  return [...level1, ...level2, ...level3, ...level4];
}
