// The sentences of the database layer (timeouts, damage found when the embedded database opens),
// by code. Joined into the one catalogue in messages.ts.
import type { Catalogue } from './sentence';

export const DB_MESSAGES = {
  /** PostgreSQL cancelled a statement that ran past GRIDMAP_DB_STATEMENT_TIMEOUT_MS. */
  database_statement_timeout: {
    zh: () => '数据库处理超时，请稍后再试；如经常出现，请联系管理员',
    en: () => 'the database took too long to answer: try again shortly, and tell an administrator if it keeps happening',
  },
  /** The embedded database in `dataDir` is damaged (`damage`) and no snapshot is there to rebuild it. */
  db_damaged_no_snapshot: {
    zh: (p) =>
      `数据目录 ${p.dataDir} 中的内置数据库已损坏（${p.damage}），且没有可用于重建的快照，服务拒绝启动。请用 npm run restore 从备份恢复，或把该目录移走后重新导入数据`,
    en: (p) =>
      `the embedded database in ${p.dataDir} is damaged (${p.damage}) and there is no snapshot to rebuild it from: restore a backup (npm run restore) or move the directory away and import again`,
  },
  /** The snapshot itself fails the check too (`file`, `damage`). */
  db_snapshot_damaged: {
    zh: (p) => `内置数据库已损坏，用于重建的快照 ${p.file} 也未通过检查（${p.damage}），服务拒绝启动。请用 npm run restore 从备份恢复`,
    en: (p) => `the embedded database is damaged and the snapshot ${p.file} fails the check too (${p.damage}): restore a backup (npm run restore)`,
  },
} satisfies Catalogue;
