import type { AppContext } from '../../context';

export interface Health {
  status: 'ok';
  database: AppContext['db']['kind'];
  postgis: string;
}

/** A monitor's probe is answered within this, whatever the database does (a hung probe says nothing); above the embedded database's queue on a busy machine, below a balancer's 5 s. */
const HEALTH_TIMEOUT_MS = 4000;

class HealthTimeout extends Error {
  constructor() {
    super(`the database did not answer within ${HEALTH_TIMEOUT_MS} ms`);
  }
}

export async function checkHealth({ db }: AppContext): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new HealthTimeout()), HEALTH_TIMEOUT_MS)));
  try {
    const { rows } = await Promise.race([db.knex.raw<{ rows: Array<{ version: string }> }>('SELECT postgis_lib_version() AS version'), late]);
    return { status: 'ok', database: db.kind, postgis: rows[0]!.version };
  } finally {
    clearTimeout(timer);
  }
}
