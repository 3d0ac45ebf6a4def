// What the city is now, in one string: per table the rows, their versions and the last change.
// A check keeps it in its report; a commit whose city has moved on since (someone saved an
// area meanwhile) is refused with 409 rather than writing over that save.
import type { Knex } from 'knex';
import { CITY_TABLES } from './tables';

export async function citySignature(k: Knex, region: string): Promise<string> {
  const parts = CITY_TABLES.map((t) => `(SELECT concat(count(*), '/', sum(version), '/', max(updated_at)) FROM ${t.table} WHERE region = :region)`);
  const { rows } = await k.raw(`SELECT concat_ws(':', ${parts.join(', ')}) AS s`, { region });
  return (rows as Array<{ s: string }>)[0]!.s;
}
