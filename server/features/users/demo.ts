// One account per role, created only with the demo city so nobody can log in to a real
// city with a published password. The README lists them.
import type { AppContext } from '../../context';
import type { Role } from './schema';
import { createUser, listUsers } from './service';

export const DEMO_ACCOUNTS: Array<{ username: string; password: string; role: Role; displayName: string }> = [
  { username: 'demo-admin', password: 'gridmap-admin', role: 'admin', displayName: '演示管理员' },
  { username: 'demo-planner', password: 'gridmap-planner', role: 'planner', displayName: '演示规划员' },
  { username: 'demo-leader', password: 'gridmap-leader', role: 'leader', displayName: '演示领导' },
  { username: 'demo-staff', password: 'gridmap-staff', role: 'staff', displayName: '演示工作人员' },
];

/** The planner's jurisdiction is the given town. */
export async function createDemoUsers(ctx: AppContext, plannerTown: string): Promise<void> {
  const existing = new Set((await listUsers(ctx)).map((u) => u.username));
  for (const account of DEMO_ACCOUNTS) {
    if (existing.has(account.username)) continue;
    await createUser(ctx, { ...account, towns: account.role === 'planner' ? [plannerTown] : [] }, { id: null, name: 'demo' });
  }
}
