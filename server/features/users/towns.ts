import type { AppContext } from '../../context';

export interface TownChoice {
  id: string;
  name: string;
  nameEn: string;
}

/** The towns a planner's jurisdiction can name. */
export async function listTowns({ db, region }: AppContext): Promise<TownChoice[]> {
  const rows = await db.knex('towns').where({ region }).orderBy('id').select('id', 'name', 'name_en');
  return rows.map((r) => ({ id: r.id, name: r.name, nameEn: r.name_en }));
}
