// One account per role, created only with the demo city so nobody can log in to a real
// city with a published password. The README lists them.
import type { AppContext } from '../../context';
import { hasAreas, hasTowns, type Role } from '../../domain/roles';
import { createUser, listUsers } from './service';

export const DEMO_ACCOUNTS: Array<{ username: string; password: string; role: Role; displayName: string }> = [
  { username: 'demo-admin', password: 'gridmap-admin', role: 'admin', displayName: '演示管理员' },
  { username: 'demo-planner', password: 'gridmap-planner', role: 'planner', displayName: '演示规划员' },
  { username: 'demo-leader', password: 'gridmap-leader', role: 'leader', displayName: '演示领导' },
  { username: 'demo-staff', password: 'gridmap-staff', role: 'staff', displayName: '演示工作人员' },
  { username: 'demo-lead', password: 'gridmap-lead', role: 'lead', displayName: '演示片区负责人' },
];

/** The planner's jurisdiction is the given town; the area lead answers for the first area of that town. */
export async function createDemoUsers(ctx: AppContext, plannerTown: string): Promise<void> {
  const existing = new Set((await listUsers(ctx)).map((u) => u.username));
  const leadArea = await firstAreaOf(ctx, plannerTown);
  for (const account of DEMO_ACCOUNTS) {
    if (existing.has(account.username)) continue;
    const towns = hasTowns(account.role) ? [plannerTown] : [];
    const areas = hasAreas(account.role) ? [leadArea] : [];
    await createUser(ctx, { ...account, towns, areas }, { id: null, name: 'demo' });
  }
}

/** The town's first contracted area by id: a stable choice, so the README and the tests can name it. */
export async function firstAreaOf({ db, region }: AppContext, townId: string): Promise<string> {
  const row = await db
    .knex('contracted_areas as a')
    .join('communities as c', function () {
      this.on('c.region', 'a.region').andOn('c.id', 'a.community_id');
    })
    .where({ 'a.region': region, 'c.town_id': townId })
    .orderBy('a.id')
    .first('a.id');
  return row.id as string;
}
