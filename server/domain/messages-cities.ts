// The sentences of a process that serves several cities: its setting and the page's city switch.
// Joined into the one catalogue in messages.ts.
import type { Catalogue } from './sentence';

export const CITY_MESSAGES = {
  /** `value` of GRIDMAP_REGION, and the `code` in it that cannot be used. */
  config_bad_region: {
    zh: (p) =>
      `环境变量 GRIDMAP_REGION 的值“${p.value}”不可用：“${p.code}”不是可用的区划代码，或重复出现。须为一个或几个以逗号分隔的代码（字母、数字、- 或 _），可在冒号后写城市名，如 321282:靖江市,320582:张家港市。请改正后重新启动`,
    en: (p) =>
      `GRIDMAP_REGION must be one region code or several separated by commas (letters, digits, - or _), each optionally followed by a colon and the city's name, such as 321282:Jingjiang,320582:Zhangjiagang; "${p.code}" in "${p.value}" is not one or is repeated`,
  },
  /** `code`: the city a link or the switch asked for, which this server does not serve. */
  city_unknown: {
    zh: (p) => `本服务器不提供城市“${p.code}”的数据：请检查链接，或从页面顶部的城市列表中选择`,
    en: (p) => `this server does not serve city "${p.code}": check the link, or choose a city from the list at the top of the page`,
  },
} satisfies Catalogue;
