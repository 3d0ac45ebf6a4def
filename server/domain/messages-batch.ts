// The sentences of the batch look-up's three classes and its corrections, and of the service
// cards' settings, by code. Joined into the one catalogue in messages.ts.
import type { Catalogue } from './sentence';

const list = (v: unknown, separator = '、'): string => (Array.isArray(v) ? v.join(separator) : String(v ?? ''));

export const BATCH_MESSAGES = {
  /** Row `row` (its number in the file) is not a data row of the list. */
  batch_no_such_row: {
    zh: (p) => `文件里没有第 ${p.row} 行数据`,
    en: (p) => `the file has no data row ${p.row}`,
  },
  /** Corrections while the list is still being matched. */
  batch_fix_running: {
    zh: () => '批量查询仍在进行，完成后才能修改地址重新查询',
    en: () => 'the batch is still running; correct addresses once it is finished',
  },
  /** Two corrections of one list at once: the later one is refused, nothing of it saved. */
  batch_changed: {
    zh: () => '这份名单刚被另一处修改过，请刷新后再改正',
    en: () => 'the list was changed elsewhere a moment ago; reload it, then correct again',
  },
  /** No header looks like addresses: the user picks one of `headers`. */
  batch_pick_column: {
    zh: (p) => `看不出哪一列是地址，请从标题行选择地址列：${list(p.headers) || '（空）'}`,
    en: (p) => `no column looks like addresses; pick the address column from the header row: ${list(p.headers, ', ') || '(nothing)'}`,
  },
  /** `value` of GRIDMAP_PUBLIC_URL. */
  config_bad_public_url: {
    zh: (p) => `环境变量 GRIDMAP_PUBLIC_URL 的值“${p.value}”不可用：须为 http:// 或 https:// 开头的地址（如 http://10.1.2.3:3000），不带 ? 或 #。请改正后重新启动`,
    en: (p) => `GRIDMAP_PUBLIC_URL must be an http:// or https:// address without ? or # (such as http://10.1.2.3:3000), got "${p.value}"`,
  },
} satisfies Catalogue;
