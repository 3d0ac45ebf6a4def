// Who uses GridMap. One list, read by the accounts schema, the guards and the page.

export const ROLES = ['admin', 'planner', 'leader', 'staff', 'lead'] as const;
export type Role = (typeof ROLES)[number];

/** What the rules need to know of a signed-in user: the role, a planner's towns and an area lead's areas. */
export interface Viewer {
  role: Role;
  towns: readonly string[];
  /** The contracted areas an area lead (片区负责人) answers for; no other role has any. */
  areas?: readonly string[];
}

/**
 * How far each role edits the grid: every town, the towns named on the account, or none.
 * A new role (say, a town leader who may edit) is one line here; the jurisdiction follows.
 */
export const EDIT_REACH: Record<Role, 'all' | 'own' | 'none'> = { admin: 'all', planner: 'own', leader: 'none', staff: 'none', lead: 'none' };

/** Only an account whose reach is its own towns names towns; the others' reach does not depend on any. */
export const hasTowns = (role: Role): boolean => EDIT_REACH[role] === 'own';

/**
 * An area lead's reach is the areas named on the account: the residents' requests and the visit
 * diary of those areas, never the grid itself (EDIT_REACH 'none').
 */
export const hasAreas = (role: Role): boolean => role === 'lead';
