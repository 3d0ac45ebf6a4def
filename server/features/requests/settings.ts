// How requests are kept, from the environment: each category's deadlines (defaults in the
// domain, GRIDMAP_REQUEST_DEADLINES overrides any of them) and how long personal fields stay
// after closing (GRIDMAP_REQUEST_PURGE_DAYS). Read before the server opens its database, so a
// wrong value stops the start with two lines instead of failing the first filing.
import { ConfigError } from '../../config';
import { DEFAULT_PURGE_DAYS } from '../../domain/requests';
import { DEFAULT_DEADLINES, deadlinesInOrder, isRequestCategory, REQUEST_CATEGORIES, type Deadlines, type RequestCategory } from '../../domain/request-categories';

export interface RequestSettings {
  deadlines: Record<RequestCategory, Deadlines>;
  /** Days after closing (and after a visit) when the resident's name, phone, address and words are deleted. */
  purgeDays: number;
}

const bad = (detail: string) => new ConfigError({ code: 'config_request_deadlines', params: { detail } });

function readDeadlines(raw: string | undefined): Record<RequestCategory, Deadlines> {
  const deadlines = { ...DEFAULT_DEADLINES };
  if (!raw?.trim()) return deadlines;
  let given: unknown;
  try {
    given = JSON.parse(raw);
  } catch (err) {
    throw bad((err as Error).message);
  }
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw bad('not a JSON object');
  for (const [category, hours] of Object.entries(given)) {
    if (!isRequestCategory(category)) throw bad(`unknown category "${category}" (${REQUEST_CATEGORIES.join(', ')})`);
    const merged = { ...deadlines[category], ...(hours as Partial<Deadlines>) };
    const numbers = Object.values(merged).every((h) => typeof h === 'number' && Number.isFinite(h));
    if (!numbers || Object.keys(merged).length !== 3 || !deadlinesInOrder(merged)) throw bad(`${category}: ${JSON.stringify(hours)}`);
    deadlines[category] = merged;
  }
  return deadlines;
}

export function readRequestSettings(env: NodeJS.ProcessEnv = process.env): RequestSettings {
  const days = Number(env.GRIDMAP_REQUEST_PURGE_DAYS ?? DEFAULT_PURGE_DAYS);
  if (!(days > 0)) throw new ConfigError('GRIDMAP_REQUEST_PURGE_DAYS', env.GRIDMAP_REQUEST_PURGE_DAYS, 'positive');
  return { deadlines: readDeadlines(env.GRIDMAP_REQUEST_DEADLINES), purgeDays: days };
}
