import type { AppContext } from '../../context';

export interface Health {
  status: 'ok';
  database: AppContext['db']['kind'];
  postgis: string;
}

export async function checkHealth({ db }: AppContext): Promise<Health> {
  const { rows } = await db.knex.raw<{ rows: Array<{ version: string }> }>('SELECT postgis_lib_version() AS version');
  return { status: 'ok', database: db.kind, postgis: rows[0]!.version };
}
