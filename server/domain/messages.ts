// Every sentence a person reads about a refusal, in Chinese and English, by code. The server
// puts the code and its parameters on the wire (with both sentences, for scripts and the CLI);
// the page renders the code in the language the user chose. A new refusal adds its code here,
// or, for a feature with many, to that feature's catalogue (messages-*.ts) joined below.
import { BATCH_MESSAGES } from './messages-batch';
import { CITY_MESSAGES } from './messages-cities';
import { DB_MESSAGES } from './messages-db';
import { FILE_MESSAGES } from './messages-files';
import { IMPORT_MESSAGES } from './messages-import';
import { LOOKUP_MESSAGES } from './messages-lookup';
import { REGISTER_MESSAGES } from './messages-registers';
import { REQUEST_MESSAGES } from './messages-requests';
import { RUNTIME_MESSAGES } from './messages-runtime';
import type { Catalogue, Locale, MessageParams } from './sentence';
import { MEASURE_WORDS, type PlanMeasure } from './words';

export type { Locale, MessageParams } from './sentence';

const list = (v: unknown, separator = ', '): string => (Array.isArray(v) ? v.join(separator) : String(v ?? ''));
const nonEmpty = (v: unknown): boolean => Array.isArray(v) && v.length > 0;
const signed = (v: unknown): string => (Number(v) > 0 ? `+${v}` : String(v));
const measureWord = (v: unknown, locale: Locale): string => MEASURE_WORDS[v as PlanMeasure]?.[locale] ?? String(v ?? '');

/** Where in a geometry's coordinates: "多边形 1、环 0、点 3" / "polygon 1, ring 0, position 3". */
function place(p: MessageParams, words: [string, string, string], separator: string, whole: string): string {
  const parts = (['polygon', 'ring', 'position'] as const).flatMap((key, i) => (typeof p[key] === 'number' ? [`${words[i]} ${p[key]}`] : []));
  return parts.join(separator) || whole;
}
const placeZh = (p: MessageParams, whole = '该点') => place(p, ['多边形', '环', '点'], '、', whole);
const placeEn = (p: MessageParams, whole = 'the point') => place(p, ['polygon', 'ring', 'position'], ', ', whole);

const STATUS_ZH: Record<string, string> = { draft: '草稿', adopted: '已采用', discarded: '已放弃' };
const TABLE_ZH: Record<string, string> = {
  villages: '村',
  contracted_areas: '片区',
  estates: '小区',
  service_centres: '服务中心',
  address_aliases: '地址别名',
  pairings: '结对共建',
};

/** The ways a backup file can be damaged, as backup_corrupt names them. */
const CORRUPT = {
  row_before_table: ['表名之前出现了数据行', 'a row before any table'],
  unexpected_table: ['出现了意外的表', 'unexpected table'],
  lines_after_end: ['结束行之后还有内容', 'lines after its end'],
  counts_differ: ['行数与结束行记录的不符', 'row counts differ from its closing line'],
  unknown_line: ['有无法识别的行', 'unknown line'],
  incomplete_header: ['文件头不完整', 'incomplete header'],
  not_json: ['有一行不是 JSON', 'a line is not JSON'],
} as const;
export type CorruptPart = keyof typeof CORRUPT;

const FILE_ZH: Record<string, string> = {
  ENOENT: '路径不存在',
  EACCES: '没有权限',
  EPERM: '没有权限',
  EROFS: '所在磁盘只读',
  ENOSPC: '磁盘空间不足',
  EISDIR: '这是一个目录，不是文件',
  ENOTDIR: '路径中有一段不是目录',
};

/** Why a .prj's system cannot be converted, as import_prj_unknown names it (`projection` for the last). */
const PRJ_WHY: Record<string, [string, string]> = {
  not_wkt: ['不是 WKT 格式的 PROJCS 或 GEOGCS', 'not a WKT PROJCS or GEOGCS'],
  ellipsoid: ['椭球不是 WGS84 / CGCS2000（如北京 54、西安 80）', 'its ellipsoid is not WGS84 / CGCS2000'],
  unit: ['单位不是米', 'its unit is not the metre'],
  not_gauss_kruger: ['不是标准的高斯-克吕格分带', 'not a Gauss-Krüger zone'],
};
/** One feature of an uploaded file: its `number` (from 1) and, when it has one, its `name`. */
const featureZh = (p: MessageParams) => `第 ${p.number} 个要素${p.name ? `“${p.name}”` : ''}`;
const featureEn = (p: MessageParams) => `feature ${p.number}${p.name ? ` ("${p.name}")` : ''}`;

/** The code → sentences catalogue. Parameters are named in the code's comment where not obvious. */
const CORE = {
  internal_error: { zh: () => '服务器内部错误，请稍后再试或联系管理员', en: () => 'internal error: try again later or tell an administrator' },
  database_unavailable: { zh: () => '数据库暂时无法连接，请稍后再试', en: () => 'the database cannot be reached right now: try again shortly' },
  not_found: { zh: (p) => `找不到${p.what}“${p.id}”`, en: (p) => `${p.whatEn} "${p.id}" not found` },
  no_route: { zh: (p) => `没有这个接口：${p.method} ${p.path}`, en: (p) => `no route for ${p.method} ${p.path}` },
  /** A stale write: `what`/`whatEn`, `id`, the `version` now and the one the client `startedFrom`. */
  stale_version: {
    zh: (p) => `${p.what}“${p.id}”已被他人修改（现为第 ${p.version} 版，您基于第 ${p.startedFrom} 版），请重新加载后再改`,
    en: (p) => `${p.whatEn} "${p.id}" is at version ${p.version}, not ${p.startedFrom}: reload it and apply your change again`,
  },
  /** A refused write: `count` problems, listed in `problems`. */
  refused: {
    zh: (p) => `未保存：有 ${p.count} 个问题需要处理`,
    en: (p) => `not saved: ${p.count} problem${p.count === 1 ? '' : 's'} to resolve`,
  },
  /** Bad input: one sentence per wrong field, `fields` in Chinese and `fieldsEn` in English (see server/http/input-issues.ts). */
  invalid_input: {
    zh: (p) => `输入有误：${list(p.fields, '；')}`,
    en: (p) => list(p.fieldsEn ?? p.fields, '; '),
  },
  // coverage (服务覆盖): the what-if and new sites
  /** A what-if names a centre that is not there: `id`, and the `change` (moved | radius | closed). */
  coverage_unknown_centre: {
    zh: (p) => `没有编号为“${p.id}”的服务中心，无法${({ moved: '移动', radius: '修改半径', closed: '关闭' } as Record<string, string>)[String(p.change)] ?? '修改'}；请刷新页面后重新设定假设`,
    en: (p) => `${p.change}: no service centre "${p.id}"; reload the page and set up the what-if again`,
  },
  /** An added centre's `id` is already a centre's. */
  coverage_id_taken: {
    zh: (p) => `新中心的编号“${p.id}”已被占用，请给新中心另取一个编号`,
    en: (p) => `the id "${p.id}" is taken: give a new centre an id of its own`,
  },
  /** More new sites (`p`) asked for than there are `candidates`. */
  coverage_too_many_sites: {
    zh: (p) => `新中心数量 ${p.p} 超过了候选位置数 ${p.candidates}，请减少新中心数量`,
    en: (p) => `${p.p} new sites asked for but there are only ${p.candidates} candidate sites: ask for fewer`,
  },
  // input hardening
  /** A string parameter holds a control character (NUL, a line break in a URL, …): `field`, e.g. "query.town". */
  control_character: {
    zh: (p) => `参数 ${p.field} 含有不可见的控制字符（如 NUL），请删除后重试`,
    en: (p) => `${p.field} contains an invisible control character (such as NUL): remove it and try again`,
  },

  // plans: a community's plan of contracted areas (the editor, 检查 / 保存, the proposal, restore)
  /** A rule warning: `area` (its name) is in `pieces` pieces. */
  not_contiguous: {
    zh: (p) => `片区“${p.area}”不连片（分成 ${p.pieces} 块）：请把它的楼栋连成一片，或确认接受此项后保存`,
    en: (p) => `area "${p.area}" is not contiguous (${p.pieces} pieces): join its buildings into one piece, or accept this warning to save`,
  },
  /** A rule warning: `area` deviates `deviationPct` % from the mean `measure` (limit `limitPct`). */
  unbalanced: {
    zh: (p) => `片区“${p.area}”${measureWord(p.measure, 'zh')}偏离平均值 ${signed(p.deviationPct)}%，超出 ±${p.limitPct}%：请调整楼栋，或确认接受此项后保存`,
    en: (p) => `area "${p.area}" deviates ${signed(p.deviationPct)} % from the mean ${measureWord(p.measure, 'en')}, beyond ±${p.limitPct} %: move buildings, or accept this warning to save`,
  },
  plan_overlap: {
    zh: (p) => `片区 ${list(p.areas)} 相互重叠 ${p.m2} 平方米：请调整边界`,
    en: (p) => `areas ${list(p.areas)} overlap by ${p.m2} m²: adjust their outlines`,
  },
  plan_outside_community: {
    zh: (p) => `片区“${p.area}”有 ${p.m2} 平方米在社区范围之外：请收回边界，或选择裁剪到社区`,
    en: (p) => `${p.m2} m² of area "${p.area}" lie outside its community: pull the outline in, or clip it to the community`,
  },
  plan_gap: {
    zh: (p) => `社区内有 ${p.m2} 平方米不属于任何片区`,
    en: (p) => `${p.m2} m² of the community lie in no area`,
  },
  plan_building_uncovered: {
    zh: (p) => `有 ${p.count} 栋楼未划入任何片区：请把它们划入片区`,
    en: (p) => `${p.count} building(s) of the community are in no area: paint them into one`,
  },
  plan_building_in_several_areas: {
    zh: (p) => `有 ${p.count} 栋楼同时在 ${list(p.areas)} 多个片区中：每栋楼只能属于一个片区`,
    en: (p) => `${p.count} building(s) are in several areas at once (${list(p.areas)}): a building belongs to one area`,
  },
  plan_unknown_building: {
    zh: (p) => `片区“${p.area}”中有不存在的楼栋：${list(p.buildings)}，请重新加载后再划`,
    en: (p) => `area "${p.area}" names buildings that do not exist: ${list(p.buildings)}; reload and paint again`,
  },
  plan_building_of_other_community: {
    zh: (p) => `片区“${p.area}”中有其他社区（${list(p.communities)}）的楼栋，不能划入本社区`,
    en: (p) => `area "${p.area}" holds buildings of another community (${list(p.communities)}), which cannot be painted here`,
  },
  /** The geometry gate refused a drawn area's outline: `area`, the gate's sentence `problem` / `problemEn`, and its code `problemCode`. */
  plan_invalid_geometry: {
    zh: (p) => `片区“${p.area}”的边界无效（${p.problem}）：请修正后再保存`,
    en: (p) => `the outline of area "${p.area}" is not valid (${p.problemEn}): correct it and save again`,
  },
  plan_empty_area: {
    zh: (p) => `片区“${p.area}”没有楼栋或土地：请划入楼栋，或删除该片区`,
    en: (p) => `area "${p.area}" has no buildings or land: paint buildings into it, or delete it`,
  },
  /** 409: `stale` areas changed since loading, `unlisted` ones were added meanwhile. */
  plan_stale: {
    zh: (p) => `方案已被他人修改${nonEmpty(p.stale) ? `（片区 ${list(p.stale)} 已有新版本）` : ''}${nonEmpty(p.unlisted) ? `（新增了片区 ${list(p.unlisted)}）` : ''}：请重新加载后再改`,
    en: (p) => `the plan changed since you loaded it${nonEmpty(p.stale) ? ` (areas ${list(p.stale)} have newer versions)` : ''}${nonEmpty(p.unlisted) ? ` (areas ${list(p.unlisted)} were added)` : ''}: reload it and apply your changes again`,
  },
  plan_mixed_modes: {
    zh: () => '所有片区须以同一种方式给出：都给楼栋，或都给边界，或都不给',
    en: () => 'areas: every area gives either geometry or buildings, all the same way, or none does',
  },
  /** `index`: the new area's place in `areas`. */
  plan_new_area_needs_shape: {
    zh: (p) => `第 ${Number(p.index) + 1} 个片区是新片区，需要给出楼栋或边界`,
    en: (p) => `areas.${p.index}: a new area needs geometry or buildings`,
  },
  plan_area_named_twice: {
    zh: (p) => `片区“${p.id}”在保存内容中出现了不止一次`,
    en: (p) => `area "${p.id}" is named more than once in areas and removed`,
  },
  plan_building_listed_twice: {
    zh: (p) => `第 ${Number(p.index) + 1} 个片区的楼栋列表中有重复的楼栋`,
    en: (p) => `areas.${p.index}.buildings: a building is listed more than once`,
  },
  /** A geometry the gate refused outright (not a polygon at all): `index`, the gate's `problem` / `problemEn`. */
  plan_area_geometry: {
    zh: (p) => `第 ${Number(p.index) + 1} 个片区（areas.${p.index}.geometry）的边界无法读取：${p.problem}`,
    en: (p) => `areas.${p.index}.geometry: ${p.problemEn}`,
  },
  proposal_no_buildings: {
    zh: (p) => `${p.what ?? '社区'}“${p.id}”没有楼栋，无法生成方案`,
    en: (p) => `${p.whatEn ?? 'community'} "${p.id}" has no buildings to divide`,
  },
  proposal_too_many_areas: {
    zh: (p) => `要分成 ${p.k} 个片区，但只有 ${p.buildings} 栋楼：请减少片区数`,
    en: (p) => `k = ${p.k} is more than the ${p.buildings} buildings: ask for fewer areas`,
  },
  proposal_bad_input: {
    zh: (p) => `无法生成方案：楼栋“${p.id}”的数据有误（${p.reason}）`,
    en: (p) => `cannot propose: building "${p.id}" has bad data (${p.reason})`,
  },
  /** The coordinate system the user chose for an imported file, which we do not convert. */
  import_unknown_crs: {
    zh: (p) => `无法识别坐标系“${p.crs}”：请选择 WGS84、CGCS2000、GCJ-02、BD-09、3857，或 CGCS2000 高斯-克吕格 EPSG 代码（4513–4554）`,
    en: (p) => `query.crs: "${p.crs}" is not a coordinate system we convert: wgs84, cgcs2000, gcj02, bd09, 3857 or a CGCS2000 Gauss-Krüger EPSG code (4513–4554)`,
  },
  import_too_large: {
    zh: (p) => `文件超过 ${p.limitMb} MB 的上限：请拆分后分别导入`,
    en: (p) => `the file is larger than the limit of ${p.limitMb} MB: split it and import the parts`,
  },
  import_empty: {
    zh: () => '文件是空的：请选择要导入的片区文件',
    en: () => 'the file is empty: send it as the request body',
  },
  restore_current: {
    zh: (p) => `第 ${p.version} 版就是当前版本，只能恢复更早的版本`,
    en: (p) => `version ${p.version} is the current version; only an earlier one can be restored`,
  },
  restore_history_incomplete: {
    zh: (p) => `片区“${p.id}”已删除，但历史中没有它的删除时间，无法判断当时的方案`,
    en: (p) => `area "${p.id}" was deleted, and history does not say when, so the plan of that moment is not known`,
  },

  // http: request bodies, rate limits, sign-in and roles
  body_required: { zh: () => '请求缺少 JSON 内容，请按接口说明发送', en: () => 'a JSON body is required' },
  /** `detail`: the parser's own words. */
  json_malformed: { zh: (p) => `JSON 格式有误，无法读取：${p.detail}`, en: (p) => `malformed JSON: ${p.detail}` },
  /** `type`: the Content-Type sent. */
  body_not_json: {
    zh: (p) => `请求内容须为 JSON（Content-Type: application/json），收到的是 ${p.type}`,
    en: (p) => `request bodies must be JSON (Content-Type: application/json), not ${p.type}`,
  },
  /** `limit`: "1 MB". */
  body_too_large: { zh: (p) => `请求内容超过 ${p.limit} 的上限，请分批发送`, en: (p) => `request body is larger than the limit of ${p.limit}` },
  json_too_deep: { zh: (p) => `JSON 嵌套超过 ${p.limit} 层的上限`, en: (p) => `JSON nested deeper than the limit of ${p.limit} levels` },
  json_too_many_keys: { zh: (p) => `JSON 对象的字段超过 ${p.limit} 个的上限`, en: (p) => `a JSON object has more than the limit of ${p.limit} keys` },
  json_array_too_long: { zh: (p) => `JSON 数组超过 ${p.limit} 个元素的上限`, en: (p) => `a JSON array has more than the limit of ${p.limit} elements` },
  /** A 4xx from a library below us; `detail` is its message. */
  bad_request: { zh: (p) => `请求有误：${p.detail}`, en: (p) => String(p.detail) },
  /** Rate limits: `limit` a minute, `seconds` to wait. */
  rate_public: {
    zh: (p) => `未登录时本机地址的请求过多（每分钟上限 ${p.limit} 次），请 ${p.seconds} 秒后再试，或先登录`,
    en: (p) => `too many requests from your address without login (limit ${p.limit} a minute); try again in ${p.seconds} s`,
  },
  rate_resident: {
    zh: (p) => `本机地址的查询过多（每分钟上限 ${p.limit} 次），请 ${p.seconds} 秒后再试`,
    en: (p) => `too many look-ups from your address (limit ${p.limit} a minute); try again in ${p.seconds} s`,
  },
  rate_login_address: {
    zh: (p) => `本机地址的登录尝试过多（每分钟上限 ${p.limit} 次），请 ${p.seconds} 秒后再试`,
    en: (p) => `too many login attempts from your address (limit ${p.limit} a minute); try again in ${p.seconds} s`,
  },
  rate_login_user: {
    zh: (p) => `该用户名的登录尝试过多（每分钟上限 ${p.limit} 次），请 ${p.seconds} 秒后再试`,
    en: (p) => `too many login attempts for this username (limit ${p.limit} a minute); try again in ${p.seconds} s`,
  },
  login_locked: { zh: () => '密码错误次数过多，账号已暂时锁定，请稍后再试或请管理员解锁', en: () => 'too many failed logins; try again later' },
  login_failed: { zh: () => '用户名或密码错误', en: () => 'wrong username or password' },
  login_required: { zh: () => '请先登录', en: () => 'login required' },
  not_logged_in: { zh: () => '尚未登录', en: () => 'not logged in' },
  role_forbidden: { zh: () => '您的角色无权进行此操作', en: () => 'not allowed for your role' },

  // users
  /** `towns`: ids that are not towns of this region. */
  unknown_towns: { zh: (p) => `没有这些镇（街道）：${list(p.towns)}`, en: (p) => `unknown town(s): ${list(p.towns)}` },
  planner_needs_towns: { zh: () => 'towns：规划员须至少负责一个镇（街道）', en: () => 'towns: a planner needs towns' },
  last_admin: { zh: () => '这是最后一个启用的管理员账号，不能停用或降级；请先另设一名管理员', en: () => 'the last active admin cannot be disabled or demoted' },
  /** `username`. */
  user_exists: { zh: (p) => `用户名“${p.username}”已被使用，请换一个`, en: (p) => `user "${p.username}" exists` },

  // writes: an object's geometry on its way in (see server/analysis/geometry-check.ts).
  // `polygon`, `ring`, `position`: indexes into the coordinates, as far as they apply.
  geometry_not_object: { zh: () => '几何图形须为带 “type” 的 GeoJSON 几何对象', en: () => 'geometry must be a GeoJSON geometry object with a "type"' },
  /** `accepted`: the types this object takes; `type`: the one sent. */
  geometry_wrong_type: {
    zh: (p) => `几何图形须为 ${list(p.accepted, ' 或 ')}，收到的是 ${p.type}`,
    en: (p) => `geometry must be ${list(p.accepted, ' or ')}, not ${p.type}`,
  },
  geometry_coordinates_not_array: { zh: () => 'geometry.coordinates 须为数组', en: () => 'geometry.coordinates must be an array' },
  geometry_position_not_numbers: {
    zh: (p) => `${placeZh(p)}：坐标须为 [经度, 纬度] 两个数字`,
    en: (p) => `${placeEn(p)}: a position must be [longitude, latitude] numbers`,
  },
  geometry_not_finite: { zh: (p) => `${placeZh(p)}：坐标须为有限的数字`, en: (p) => `${placeEn(p)}: coordinates must be finite numbers` },
  /** `value`: the longitude sent. */
  geometry_longitude_range: { zh: (p) => `${placeZh(p)}：经度 ${p.value} 超出 -180..180`, en: (p) => `${placeEn(p)}: longitude ${p.value} is outside -180..180` },
  geometry_latitude_range: {
    zh: (p) => `${placeZh(p)}：纬度 ${p.value} 超出 -90..90（是否把经纬度写反了？）`,
    en: (p) => `${placeEn(p)}: latitude ${p.value} is outside -90..90`,
  },
  geometry_ring_not_array: { zh: (p) => `${placeZh(p)}：环须为坐标数组`, en: (p) => `${placeEn(p)}: a ring must be an array of positions` },
  /** `max`: vertices allowed in one geometry. */
  geometry_too_many_vertices: { zh: (p) => `顶点过多：一个图形最多 ${p.max} 个顶点，请简化后再试`, en: (p) => `too many vertices: at most ${p.max} in one geometry` },
  /** `count`: positions the ring has. */
  geometry_ring_too_short: {
    zh: (p) => `${placeZh(p)}：一个环至少要 4 个坐标（首尾相同），现有 ${p.count} 个`,
    en: (p) => `${placeEn(p)}: a ring needs at least 4 positions (first repeated last), has ${p.count}`,
  },
  /** `first`, `last`: the ring's end positions. */
  geometry_ring_not_closed: {
    zh: (p) => `${placeZh(p)}：环没有闭合，最后一个坐标 [${list(p.last)}] 与第一个 [${list(p.first)}] 不同`,
    en: (p) => `${placeEn(p)}: the ring is not closed: last position [${list(p.last)}] differs from the first [${list(p.first)}]`,
  },
  geometry_polygon_not_array: { zh: (p) => `${placeZh(p, '坐标')}：多边形须为环的数组`, en: (p) => `${placeEn(p, 'coordinates')}: a polygon must be an array of rings` },
  geometry_polygon_no_ring: { zh: (p) => `${placeZh(p, '坐标')}：多边形须有外环`, en: (p) => `${placeEn(p, 'coordinates')}: a polygon needs an outer ring` },
  geometry_multipolygon_empty: { zh: () => 'MultiPolygon 至少要有一个多边形', en: () => 'a MultiPolygon needs at least one polygon' },
  /** PostGIS's `reason` and, when it knows one, the `location` [lng, lat] (WGS84). */
  geometry_invalid: {
    zh: (p) => `图形无效：${p.reason}${p.location ? `，位置 [${list(p.location)}]（WGS84）` : ''}；请修正边界（如自相交）后再保存`,
    en: (p) => `geometry is not valid: ${p.reason}${p.location ? ` at [${list(p.location)}] (WGS84)` : ''}`,
  },
  /** `crs`: the systems accepted. */
  crs_required: {
    zh: (p) => `提交图形时须注明坐标系 crs：${list(p.crs)} 之一（高德、百度导出的坐标看似 WGS84，实际偏差数百米）`,
    en: (p) => `crs is required with a geometry: one of ${list(p.crs)}`,
  },
  /** `type`: the path's object type. */
  unknown_object_type: { zh: (p) => `没有这种对象类型：“${p.type}”`, en: (p) => `object type "${p.type}" not found` },

  // groups: the rules of one area's building party groups (server/analysis/grouping/check.ts)
  /** `id`: a group the client named that is not one of this area's. */
  group_not_in_area: {
    zh: (p) => `楼栋党小组“${p.id}”不属于（或已不属于）这个片区，请重新加载后再改`,
    en: (p) => `group "${p.id}" is not (or no longer) a group of this area: reload the groups and apply your change again`,
  },
  /** `ids`: groups the save neither kept nor removed (made by someone else since). */
  groups_unaccounted: {
    zh: (p) => `楼栋党小组 ${list(p.ids)} 既未保留也未删除（可能是他人刚刚新建的），请重新加载后再改`,
    en: (p) => `group${Array.isArray(p.ids) && p.ids.length === 1 ? '' : 's'} ${list(p.ids)} neither kept nor removed: reload the groups and apply your change again`,
  },
  /** `name`: the group's name. */
  group_empty: { zh: (p) => `楼栋党小组“${p.name}”没有楼栋`, en: (p) => `group "${p.name}" has no buildings` },
  group_name_twice: { zh: (p) => `有两个楼栋党小组都叫“${p.name}”，请改名`, en: (p) => `two groups are named "${p.name}"` },
  /** `id`: the group. */
  group_listed_twice: { zh: (p) => `楼栋党小组“${p.id}”列出了两次`, en: (p) => `group "${p.id}" is listed twice` },
  group_kept_and_removed: { zh: (p) => `楼栋党小组“${p.id}”既保留又删除`, en: (p) => `group "${p.id}" is both kept and removed` },
  /** `id`: the building. */
  building_not_in_area: { zh: (p) => `楼栋“${p.id}”不在这个片区`, en: (p) => `building "${p.id}" is not in this area` },
  building_listed_twice: { zh: (p) => `楼栋“${p.id}”列出了不止一次`, en: (p) => `building "${p.id}" is listed more than once` },
  building_in_no_group: { zh: (p) => `楼栋“${p.id}”不在任何楼栋党小组中`, en: (p) => `building "${p.id}" is in no group` },

  // proposals and groupings: bad input to the algorithms (server/analysis/districting, grouping)
  /** `id`: the community. */
  community_no_buildings: { zh: (p) => `社区“${p.id}”没有可划分的楼栋`, en: (p) => `community "${p.id}" has no buildings to divide` },
  no_buildings_to_divide: { zh: () => '没有可划分的楼栋', en: () => 'there are no buildings to divide' },
  area_no_buildings: { zh: () => '这个片区没有可分组的楼栋', en: () => 'the area has no buildings to group' },
  /** `measure` sent, `measures` allowed. */
  unknown_measure: { zh: (p) => `不认识的指标“${p.measure}”，可选：${list(p.measures)}`, en: (p) => `unknown measure "${p.measure}": use ${list(p.measures)}` },
  /** `k` asked. */
  k_not_whole: { zh: (p) => `k 须为不小于 1 的整数，收到 ${p.k}`, en: (p) => `k must be a whole number ≥ 1, got ${p.k}` },
  /** `k` asked, `buildings` there are. */
  k_too_large: { zh: (p) => `k = ${p.k} 超过了楼栋数 ${p.buildings}`, en: (p) => `k = ${p.k} is more than the ${p.buildings} buildings` },
  /** `id`: the building. */
  building_no_position: { zh: (p) => `楼栋“${p.id}”没有有效的经纬度`, en: (p) => `building "${p.id}" has no valid [lng, lat]` },
  building_bad_counts: { zh: (p) => `楼栋“${p.id}”的人口或户数缺失或为负数`, en: (p) => `building "${p.id}" has a negative or missing population or households` },
  building_twice: { zh: (p) => `楼栋“${p.id}”出现了两次`, en: (p) => `building "${p.id}" appears twice` },
  /** `size` asked. */
  target_size_not_positive: { zh: (p) => `targetSize 须为正数，收到 ${p.size}`, en: (p) => `targetSize must be a positive number, got ${p.size}` },

  // scenarios (merger scenarios)
  /** `towns`: asked for but unknown or outside the planner's towns. */
  scenario_towns_outside: {
    zh: (p) => `这些镇（街道）不存在或不在您负责的范围内：${list(p.towns)}`,
    en: (p) => `unknown towns (or outside your towns): ${list(p.towns)}`,
  },
  scenario_no_towns: { zh: () => 'townIds：撤并方案须至少包含一个镇（街道）', en: () => 'townIds: a scenario needs at least one town' },
  scenario_no_groups: { zh: () => '撤并方案还没有任何合并组，无法采用；请先添加合并组', en: () => 'groups: the scenario has no groups to adopt' },
  /** `ids`. */
  scenario_unknown_villages: {
    zh: (p) => `这些村不存在或不在方案的镇（街道）内：${list(p.ids)}`,
    en: (p) => `unknown villages (or outside the scenario's towns): ${list(p.ids)}`,
  },
  scenario_unknown_communities: {
    zh: (p) => `这些社区不存在或不在方案的镇（街道）内：${list(p.ids)}`,
    en: (p) => `unknown communities (or outside the scenario's towns): ${list(p.ids)}`,
  },
  scenario_communities_without_villages: {
    zh: (p) => `这些社区下没有村，无法合并：${list(p.ids)}`,
    en: (p) => `communities without villages cannot be merged: ${list(p.ids)}`,
  },
  scenario_keys_twice: { zh: (p) => `合并组编号重复：${list(p.keys)}`, en: (p) => `group keys used twice: ${list(p.keys)}` },
  /** `village` and the `groups` it is in. */
  scenario_village_twice: {
    zh: (p) => `村“${p.village}”同时在多个合并组中：${list(p.groups)}`,
    en: (p) => `village ${p.village} is in more than one group: ${list(p.groups)}`,
  },
  scenario_empty_groups: { zh: (p) => `这些合并组没有成员：${list(p.keys)}`, en: (p) => `groups without members: ${list(p.keys)}` },
  /** `id`, its `status` and the one the change needs (`needed`): draft, adopted, discarded. */
  scenario_status: {
    zh: (p) => `撤并方案“${p.id}”现为${STATUS_ZH[String(p.status)] ?? p.status}，此操作只适用于${STATUS_ZH[String(p.needed)] ?? p.needed}的方案，请重新加载`,
    en: (p) => `scenario "${p.id}" is ${p.status}, not ${p.needed}`,
  },
  /** `table` (villages, contracted_areas, …) and the row `ids` that moved since. */
  scenario_rows_moved: {
    zh: (p) => `${TABLE_ZH[String(p.table)] ?? p.table} ${list(p.ids)} 此后已调整到其他社区，无法撤销采用；请先核对这些对象`,
    en: (p) => `${p.table} changed community since: ${list(p.ids)}`,
  },
  /** `id`: the community. */
  community_gone: { zh: (p) => `社区“${p.id}”已不存在，请重新加载`, en: (p) => `community "${p.id}" no longer exists` },
  /** `id` and the `version` that cannot be brought back. */
  community_no_deleted_version: {
    zh: (p) => `社区“${p.id}”没有可恢复的已删除版本 ${p.version}`,
    en: (p) => `community "${p.id}" has no deleted version ${p.version} to bring back`,
  },
  community_no_version: { zh: (p) => `社区“${p.id}”没有可恢复的版本 ${p.version}`, en: (p) => `community "${p.id}" has no version ${p.version} to restore` },
  community_holds_new_objects: {
    zh: (p) => `社区“${p.id}”里有采用方案之后新建的对象，请先移走或删除它们再撤销`,
    en: (p) => `community "${p.id}" holds objects made after the adoption: move or remove them first`,
  },

  // batch look-up
  /** `types`: CSV's and .xlsx's Content-Type; `type`: the one sent. */
  batch_wrong_type: {
    zh: (p) => `名单须为 CSV（Content-Type: ${p.csv}）或 .xlsx（${p.xlsx}），收到的是 ${p.type}`,
    en: (p) => `send the list as CSV (Content-Type: ${p.csv}) or .xlsx (${p.xlsx}), not ${p.type}`,
  },
  /** `mb`: the size limit. */
  batch_too_large: { zh: (p) => `文件超过 ${p.mb} MB 的上限，请拆分后再上传`, en: (p) => `the file is larger than the limit of ${p.mb} MB` },
  batch_empty: { zh: () => '文件是空的，请把名单作为请求内容上传', en: () => 'the file is empty: send it as the request body' },
  batch_not_xlsx: { zh: () => '这不是 .xlsx 工作簿（不是 zip 压缩包）', en: () => 'the file is not an .xlsx workbook (not a zip archive)' },
  /** `detail`: the reader's words. */
  batch_xlsx_unreadable: { zh: (p) => `无法读取这个 .xlsx 工作簿：${p.detail}`, en: (p) => `the .xlsx workbook cannot be read: ${p.detail}` },
  batch_no_sheet: { zh: () => '工作簿里没有工作表', en: () => 'the workbook has no sheet' },
  /** `rows` in the file, `max` looked up at once. */
  batch_too_many_rows: {
    zh: (p) => `文件有 ${p.rows} 行，一次最多查询 ${p.max} 行，请拆分后再上传`,
    en: (p) => `the file has ${p.rows} rows; at most ${p.max} are looked up at once`,
  },
  /** `sheet`: its name. */
  batch_sheet_no_rows: { zh: (p) => `工作表“${p.sheet}”在标题行下没有数据`, en: (p) => `the sheet "${p.sheet}" has no rows below its header row` },
  batch_no_rows: { zh: () => '文件在标题行下没有数据', en: () => 'the file has no rows below its header row' },
  batch_not_text: {
    zh: () => '文件不是文本，因此不是 CSV（Excel 文件请以 .xlsx 上传）',
    en: () => 'the file is not text, so not CSV (an Excel file must be sent as .xlsx)',
  },
  batch_csv_unreadable: { zh: (p) => `无法按 CSV 读取：${p.detail}`, en: (p) => `not readable as CSV: ${p.detail}` },
  /** `column` asked for, `headers` the file has. */
  batch_no_such_column: {
    zh: (p) => `没有名为“${p.column}”的列；标题行有：${list(p.headers) || '（空）'}`,
    en: (p) => `there is no column "${p.column}"; the header row has: ${list(p.headers) || '(nothing)'}`,
  },
  /** `done` of `rows`. */
  batch_running: { zh: (p) => `批量查询仍在进行（已完成 ${p.done} / ${p.rows} 行），请稍后再下载`, en: (p) => `the batch is still running (${p.done} of ${p.rows} rows)` },
  batch_failed: { zh: () => '批量查询中途失败，请重新上传文件', en: () => 'the look-up failed part-way; please upload the file again' },
  /** `max` batches at once. */
  batch_busy: { zh: (p) => `已有 ${p.max} 个批量查询在进行，请一分钟后再试`, en: (p) => `${p.max} batches are running already; try again in a minute` },

  // look-up
  no_area_at_point: { zh: () => '这个位置不在任何片区内', en: () => 'no contracted area contains this point' },

  // cli: the operator's commands (npm run migrate, seed, backup, restore, user)
  /** `detail`: what the argument parser said. The usage follows on its own lines. */
  cli_bad_arguments: { zh: (p) => `命令参数有误：${p.detail}。请按下面的用法重试`, en: (p) => `wrong arguments: ${p.detail}; see the usage below` },
  /** `option`: the flag that is missing. */
  cli_missing_option: { zh: (p) => `缺少参数 ${p.option}。请按下面的用法重试`, en: (p) => `${p.option} is required; see the usage below` },
  cli_unknown_command: { zh: () => '不认识这个子命令。请按下面的用法重试', en: () => 'unknown command; see the usage below' },
  /** `scale`, `seed`: as given. */
  cli_bad_seed_options: {
    zh: (p) => `--scale 须为正数、--seed 须为整数（收到 ${p.scale}、${p.seed}）`,
    en: (p) => `--scale must be > 0 and --seed an integer (got ${p.scale}, ${p.seed})`,
  },
  cli_no_terminal: {
    zh: () => '没有可输入密码的终端：请用 --password-stdin 从标准输入传入密码',
    en: () => 'no terminal to ask for the password: use --password-stdin',
  },
  cli_passwords_differ: { zh: () => '两次输入的密码不一致，请重新运行命令', en: () => 'the passwords differ: run the command again' },
  /** `target`: where the database is (host and port, or the data directory); `detail`: the driver's words. */
  cli_database_unreachable: {
    zh: (p) => `无法连接数据库 ${p.target}（${p.detail}）。请确认 PostgreSQL 已启动、DATABASE_URL 的主机和端口无误`,
    en: (p) => `cannot reach the database at ${p.target} (${p.detail}): check that PostgreSQL is running and DATABASE_URL names its host and port`,
  },
  cli_database_login: {
    zh: (p) => `数据库拒绝登录 ${p.target}（${p.detail}）。请检查 DATABASE_URL 中的用户名和密码`,
    en: (p) => `the database at ${p.target} refused the login (${p.detail}): check the user and password in DATABASE_URL`,
  },
  /** `path` and the system's `errno` (ENOENT, EACCES, …) and `detail`. */
  cli_file: {
    zh: (p) => `无法使用文件 ${p.path}：${FILE_ZH[String(p.errno)] ?? p.detail}。请检查路径、权限和磁盘空间后重试`,
    en: (p) => `cannot use the file ${p.path}: ${p.detail}; check the path, the permissions and the free disk space, then try again`,
  },
  /** `dataDir` and the `pid` holding it. */
  data_dir_in_use: {
    zh: (p) => `数据目录 ${p.dataDir} 正被进程 ${p.pid} 使用。请先停止该进程（如正在运行的服务器），或把 GRIDMAP_DATA_DIR 设为其他目录`,
    en: (p) => `GridMap data directory ${p.dataDir} is in use by process ${p.pid}; stop it or set GRIDMAP_DATA_DIR to another directory`,
  },
  /** `part`: which rule of the file is broken (see CORRUPT), `table` where it names one. */
  backup_corrupt: {
    zh: (p) => `备份文件已损坏：${CORRUPT[p.part as CorruptPart]?.[0] ?? p.part}${p.table ? ` ${p.table}` : ''}。请换一份完好的备份`,
    en: (p) => `backup file is corrupt: ${CORRUPT[p.part as CorruptPart]?.[1] ?? p.part}${p.table ? ` ${p.table}` : ''}`,
  },
  backup_incomplete: {
    zh: () => '备份文件不完整：在结束行之前就断了（可能复制或下载未完成）。请换一份完整的备份',
    en: () => 'backup file is incomplete: it ends before its closing line',
  },
  /** `detail`: the reader's words (gzip damage). */
  backup_unreadable: { zh: (p) => `无法读取备份文件（${p.detail}）。请换一份完好的备份`, en: (p) => `backup file is unreadable: ${p.detail}` },
  backup_foreign: { zh: () => '这不是 GridMap 的备份文件。请确认文件是否选对', en: () => 'not a GridMap backup file' },
  backup_version: {
    zh: (p) => `不支持第 ${p.version} 版的备份格式（本程序读取第 ${p.expected} 版）`,
    en: (p) => `backup format version ${p.version} is not supported (expected ${p.expected})`,
  },
  /** The migrations of the backup (`theirs`) and of this database (`ours`). */
  backup_schema_differs: {
    zh: (p) => `备份的数据库结构（迁移 ${list(p.theirs) || '无'}）与本数据库（${list(p.ours) || '无'}）不同。请用写出这份备份的 GridMap 版本来恢复`,
    en: (p) => `the backup's schema (migrations ${list(p.theirs) || 'none'}) differs from this database's (${list(p.ours) || 'none'}); restore with the GridMap version that wrote it`,
  },
  backup_tables_differ: { zh: () => '备份中的表和列与本数据库不同，无法恢复', en: () => "the backup's tables and columns differ from this database's" },
  backup_no_schema: { zh: () => '数据库里还没有 GridMap 的表结构：请先运行 npm run migrate', en: () => 'the database has no GridMap schema (run npm run migrate)' },
  // area files: a community's areas uploaded as GeoJSON, KML or a zipped shapefile
  import_no_prj: {
    zh: () => 'Shapefile 缺少 .prj 文件，无法确定坐标系：请选择该文件的坐标系（不清楚时请向制图单位询问 EPSG 代码）后重新预览',
    en: () => 'the shapefile has no .prj: choose its coordinate system',
  },
  import_no_features: {
    zh: () => '文件里没有任何要素：请确认导出的是片区图层且图层不为空',
    en: () => 'the file holds no features',
  },
  /** `count` in the file, at most `max`. */
  import_too_many_features: {
    zh: (p) => `文件里有 ${p.count} 个要素，超过一个社区片区数的上限 ${p.max}：请只导出一个社区的片区`,
    en: (p) => `the file holds ${p.count} features, more than the ${p.max} a community's areas can be: send one community's areas`,
  },
  /** `number`, `name`: the feature. */
  import_feature_no_geometry: {
    zh: (p) => `${featureZh(p)}没有图形：请在 GIS 软件中补画边界或删除该要素`,
    en: (p) => `${featureEn(p)} has no geometry`,
  },
  /** `number`, `name`, and the geometry `type` it has. */
  import_feature_not_polygon: {
    zh: (p) => `${featureZh(p)}是 ${p.type}，不是面：片区只能由面（多边形）导入，请导出面图层`,
    en: (p) => `${featureEn(p)} is a ${p.type}, not a polygon: only areas (polygons) can be imported`,
  },
  import_feature_no_coordinates: {
    zh: (p) => `${featureZh(p)}没有坐标：请检查该要素的图形`,
    en: (p) => `${featureEn(p)} has no coordinates`,
  },
  /** `sample`: its first position. */
  import_feature_metres: {
    zh: (p) => `${featureZh(p)}的坐标（如 [${list(p.sample)}]）是以米为单位的投影坐标，不是经纬度：请选择文件实际使用的投影坐标系（如 EPSG 代码 4549）`,
    en: (p) => `${featureEn(p)}: coordinates like [${list(p.sample)}] are metres, not degrees: choose the projected system (an EPSG code such as 4549)`,
  },
  /** What the geometry gate said of one feature: `problem` in Chinese, `problemEn` in English (its code is `problemCode`). */
  import_feature_problem: {
    zh: (p) => `${featureZh(p)}：${p.problem}`,
    en: (p) => `${featureEn(p)}: ${p.problemEn}`,
  },
  /** `number` of the member of "features" that is not a Feature. */
  import_not_a_feature: {
    zh: (p) => `不是有效的 GeoJSON：features 中第 ${p.number} 项不是 Feature。请用 GIS 软件重新导出`,
    en: (p) => `feature ${p.number} is not a GeoJSON Feature`,
  },
  /** `crs`: the name the file's "crs" member gives. */
  import_geojson_crs: {
    zh: (p) => `GeoJSON 声明的坐标系“${p.crs}”无法转换：请导出为 WGS84 或 CGCS2000，或在导入时选择坐标系`,
    en: (p) => `the GeoJSON names a coordinate system we cannot convert: "${p.crs}"`,
  },
  /** `detail`: the JSON reader's words. */
  import_not_json: {
    zh: (p) => `文件不是 JSON（${p.detail}）：请确认选择的是 GeoJSON 文件，且文件完整`,
    en: (p) => `not JSON: ${p.detail}`,
  },
  import_geojson_no_type: {
    zh: () => '不是 GeoJSON：最外层应为带 “type” 的对象。请确认选择的是 GeoJSON 文件',
    en: () => 'not GeoJSON: the top level must be an object with a "type"',
  },
  import_geojson_no_features: {
    zh: () => '不是有效的 GeoJSON：FeatureCollection 缺少 “features” 数组。请用 GIS 软件重新导出',
    en: () => 'not GeoJSON: a FeatureCollection needs a "features" array',
  },
  /** `detail`: the XML parser's words (with the line). */
  import_broken_xml: {
    zh: (p) => `KML 文件的 XML 有错误（${p.detail}）：请用 Google Earth 或 GIS 软件重新导出`,
    en: (p) => `broken XML: ${p.detail}`,
  },
  /** `root`: the element the file starts with. */
  import_not_kml: {
    zh: (p) => `不是 KML 文件：根元素是 <${p.root}>，不是 <kml>。请确认选择的文件和格式`,
    en: (p) => `not KML: the root element is <${p.root}>, not <kml>`,
  },
  import_not_zip: {
    zh: () => '不是 zip 压缩包：Shapefile 请把 .shp、.shx、.dbf、.prj 一起压缩成 zip 后上传',
    en: () => 'not a zip file: send the shapefile zipped, with its .shp, .shx, .dbf and .prj',
  },
  /** `detail`: the unzipper's words. */
  import_zip_unreadable: {
    zh: (p) => `压缩包无法解开（${p.detail}）：文件可能已损坏，请重新压缩后上传`,
    en: (p) => `the zip cannot be read: ${p.detail}`,
  },
  /** `names`: what the zip holds. */
  import_zip_no_shp: {
    zh: (p) => `压缩包里没有 .shp 文件（包内有：${list(p.names, '、') || '无'}）：请把 .shp、.shx、.dbf、.prj 一起压缩后上传`,
    en: (p) => `no .shp inside the zip (it holds ${list(p.names) || 'nothing'})`,
  },
  /** `count` shapefiles in the zip, by `names`. */
  import_zip_many_shp: {
    zh: (p) => `压缩包里有 ${p.count} 个 .shp 文件（${list(p.names, '、')}）：每次只能导入一个图层，请分别压缩上传`,
    en: (p) => `the zip holds ${p.count} shapefiles (${list(p.names)}): send one`,
  },
  /** `base`: the shapefile's name without extension. */
  import_zip_no_dbf: {
    zh: (p) => `压缩包里缺少 ${p.base}.dbf（名称等属性在其中）：请把 .shp、.shx、.dbf、.prj 一起压缩后上传`,
    en: (p) => `${p.base}.dbf is missing from the zip: the names and other attributes are in it`,
  },
  /** `base` and the reader's `detail`. */
  import_shp_unreadable: {
    zh: (p) => `${p.base}.shp 无法读取（${p.detail}）：文件可能已损坏，请用 GIS 软件重新导出`,
    en: (p) => `${p.base}.shp cannot be read: ${p.detail}`,
  },
  /** `name`: the system the .prj names; `why` (see PRJ_WHY) or else the `projection` it uses. */
  import_prj_unknown: {
    zh: (p) => `.prj 中的坐标系“${p.name}”无法转换（${PRJ_WHY[String(p.why)]?.[0] ?? `投影方式 ${p.projection || '未命名'}`}）：请在 GIS 软件中导出为 WGS84 或 CGCS2000 后再导入`,
    en: (p) => `the .prj names a coordinate system we cannot convert: "${p.name}" (${PRJ_WHY[String(p.why)]?.[1] ?? `projection ${p.projection || 'unnamed'}`}); export the file in WGS84 or CGCS2000`,
  },
  // configuration: the environment a server or command starts with
  /** `name` of the variable, the `value` it has, and what it must be (`expected`: port | positive). */
  config_bad_value: {
    zh: (p) => `环境变量 ${p.name} 的值“${p.value}”不可用：须为${p.expected === 'port' ? ' 0–65535 之间的端口号' : '正数'}。请改正后重新启动`,
    en: (p) => `${p.name} must be ${p.expected === 'port' ? 'a port number' : 'a positive number'}, got "${p.value}"`,
  },
  // area files: what the preview notes without refusing (the planner reads them before saving)
  import_crs_default: { zh: () => '文件没有写明坐标系，已按 WGS84 读取', en: () => 'the file does not name its coordinate system: read as WGS84 (RFC 7946)' },
  /** `declared`: what the file says; `chosen`: what the user chose. */
  import_crs_overridden: {
    zh: (p) => `文件写明的坐标系（${p.declared}）与您的选择不同，已按您的选择（${p.chosen}）读取`,
    en: (p) => `the file says ${p.declared}; read as ${p.chosen}, as chosen`,
  },
  /** Feature `number` had no name and is called `name`. */
  import_unnamed: { zh: (p) => `第 ${p.number} 个要素没有名称，已命名为“${p.name}”`, en: (p) => `feature ${p.number} has no name: called ${p.name}` },
  import_altitude_dropped: { zh: () => '文件中的高程（第三个坐标）已忽略：片区是平面的', en: () => 'heights (the third coordinate) were dropped: areas are flat' },
  /** Feature `number` has the `name` of feature `first`. */
  import_duplicate_name: {
    zh: (p) => `第 ${p.number} 个要素与第 ${p.first} 个要素同名：“${p.name}”`,
    en: (p) => `feature ${p.number} has the same name as feature ${p.first}: "${p.name}"`,
  },
  /** Feature `number` (`name`) lies `pct` % outside the community. */
  import_outside_community: {
    zh: (p) => `第 ${p.number} 个要素“${p.name}”大部分在本社区之外（${p.pct}%）：坐标系选错了吗？`,
    en: (p) => `feature ${p.number} ("${p.name}") lies ${p.pct} % outside the community: is the coordinate system right?`,
  },
} satisfies Catalogue;

/** Every catalogue; a code belongs to one of them only (tests/unit/domain-messages.test.ts). */
export const CATALOGUES: readonly Catalogue[] = [CORE, FILE_MESSAGES, IMPORT_MESSAGES, REGISTER_MESSAGES, REQUEST_MESSAGES, LOOKUP_MESSAGES, BATCH_MESSAGES, RUNTIME_MESSAGES, DB_MESSAGES, CITY_MESSAGES];
export const MESSAGES = { ...CORE, ...FILE_MESSAGES, ...IMPORT_MESSAGES, ...REGISTER_MESSAGES, ...REQUEST_MESSAGES, ...LOOKUP_MESSAGES, ...BATCH_MESSAGES, ...RUNTIME_MESSAGES, ...DB_MESSAGES, ...CITY_MESSAGES };

export type MessageCode = keyof typeof MESSAGES;

export interface Message {
  code: MessageCode;
  params?: MessageParams;
}

export function say(message: Message, locale: Locale): string {
  return MESSAGES[message.code][locale](message.params ?? {});
}

export const isMessageCode = (code: unknown): code is MessageCode => typeof code === 'string' && Object.hasOwn(MESSAGES, code);
