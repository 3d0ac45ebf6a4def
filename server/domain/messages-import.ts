// What the import's check says about a county's files, and why a step of an import is refused,
// in Chinese and English. Joined into the one catalogue in messages.ts.
import { formFor, formName } from './organisations';
import type { Catalogue, MessageParams } from './sentence';
import { OBJECT_WORDS, type ObjectWord } from './words';

/** The fields a row names other units by, as a person calls them. */
const FIELD: Record<string, [string, string]> = {
  town: ['所属镇（街道）', 'town'],
  community: ['所属社区', 'community'],
  village: ['原村', 'village'],
  area: ['所属片区', 'contracted area'],
  group: ['所属党小组', 'party group'],
  unit: ['所在单位', 'unit'],
  buildings: ['包含楼栋', 'buildings'],
};
const field = (p: MessageParams, i: 0 | 1) => FIELD[String(p.field)]?.[i] ?? String(p.field ?? '');
const word = (p: MessageParams, key: string, i: 'zh' | 'en') => OBJECT_WORDS[p[key] as ObjectWord]?.[i] ?? String(p[key] ?? '');

const STATUS: Record<string, [string, string]> = {
  draft: ['草稿', 'a draft'],
  committed: ['已导入', 'committed'],
  undone: ['已撤销', 'undone'],
  discarded: ['已放弃', 'discarded'],
};
const status = (v: unknown, i: 0 | 1) => STATUS[String(v)]?.[i] ?? String(v ?? '');
const m2 = (v: unknown) => `${v} m²`;

export const IMPORT_MESSAGES = {
  unresolved_reference: {
    zh: (p) => `${field(p, 0)}“${p.value}”找不到：既不是已有的代码，也不是已有的名称`,
    en: (p) => `${field(p, 1)} "${p.value}" is neither a known code nor a known name`,
  },
  ambiguous_reference: {
    zh: (p) => `${field(p, 0)}“${p.value}”有 ${p.count} 个同名单位：请改用代码`,
    en: (p) => `${field(p, 1)} "${p.value}" names ${p.count} units: give its code instead`,
  },
  duplicate_code: {
    zh: (p) => `代码“${p.key}”与第 ${p.first} 行重复：只导入第一行`,
    en: (p) => `code "${p.key}" repeats line ${p.first}: only the first is imported`,
  },
  duplicate_row: {
    zh: (p) => `与第 ${p.first} 行重复`,
    en: (p) => `repeats line ${p.first}`,
  },
  building_in_no_community: {
    zh: (p) => `楼栋“${p.address}”不在任何社区内：坐标错了，还是缺少社区边界？`,
    en: (p) => `building "${p.address}" lies in no community: wrong coordinates, or a community boundary missing?`,
  },
  building_outside_community: {
    zh: (p) => `楼栋“${p.address}”写的是“${p.community}”，但位置${p.inside ? `在“${p.inside}”内` : '不在任何社区内'}`,
    en: (p) => `building "${p.address}" says ${p.community} but lies ${p.inside ? `in ${p.inside}` : 'in no community'}`,
  },
  building_in_two_communities: {
    zh: (p) => `楼栋“${p.address}”位于社区交界处（${p.communities}），已按第一个处理`,
    en: (p) => `building "${p.address}" lies on the border of ${p.communities}: taken as the first`,
  },
  building_in_two_lists: {
    zh: (p) => `楼栋“${p.address}”也列在第 ${p.first} 行：一个楼栋只能属于一个`,
    en: (p) => `building "${p.address}" is also listed on line ${p.first}: a building belongs to one only`,
  },
  counts_missing: {
    zh: (p) => `${p.count} 个楼栋没有户数和人口：按 0 导入，请补录`,
    en: (p) => `${p.count} buildings have neither households nor population: imported as 0, fill them in`,
  },
  unplanned_area: {
    zh: (p) => `${p.community}有 ${p.count} 个楼栋不在任何片区：已归入“未划片区”，请规划人员划分`,
    en: (p) => `${p.count} buildings of ${p.community} are in no contracted area: put in "Unplanned area" for a planner to divide`,
  },
  area_without_outline: {
    zh: (p) => `片区“${p.name}”既没有边界也没有楼栋，画不出范围`,
    en: (p) => `contracted area "${p.name}" has neither a boundary nor buildings: it has no outline`,
  },
  form_rule: {
    zh: (p) => `“${p.name}”有党员 ${p.members} 名，按规定应为${formFor(Number(p.members))}，表中为${p.form}`,
    en: (p) => `"${p.name}" has ${p.members} members, which the rule makes a ${formName(formFor(Number(p.members)), 'en')}; the roster says ${formName(String(p.form), 'en')}`,
  },
  centre_without_place: {
    zh: (p) => `服务中心“${p.name}”没有坐标，地址也找不到对应楼栋：请补经纬度`,
    en: (p) => `service centre "${p.name}" has no coordinates and its address names no building: add its longitude and latitude`,
  },
  centre_in_no_community: {
    zh: (p) => `服务中心“${p.name}”不在任何社区内`,
    en: (p) => `service centre "${p.name}" lies in no community`,
  },
  centre_default_radius: {
    zh: (p) => `${p.count} 个服务中心没有填服务半径：按类型的常用半径导入`,
    en: (p) => `${p.count} service centres have no radius: their kind's usual radius is used`,
  },
  invalid_geometry: {
    zh: (p) => `“${p.name}”的边界无效：${p.reason}（已在地图上标出位置）`,
    en: (p) => `the boundary of "${p.name}" is not valid: ${p.reason} (marked on the map)`,
  },
  overlap: {
    zh: (p) => `“${p.a}”与“${p.b}”重叠 ${m2(p.m2)}`,
    en: (p) => `"${p.a}" and "${p.b}" overlap by ${m2(p.m2)}`,
  },
  overlap_sliver: {
    zh: (p) => `“${p.a}”与“${p.b}”有 ${m2(p.m2)} 的细小重叠（容差以内，未修改）`,
    en: (p) => `"${p.a}" and "${p.b}" overlap by a sliver of ${m2(p.m2)} (within the tolerance, left as it is)`,
  },
  gap: {
    zh: (p) => `“${p.parent}”有 ${m2(p.m2)} 的土地不属于任何${word(p, 'children', 'zh')}（空隙）`,
    en: (p) => `${m2(p.m2)} of "${p.parent}" is in no ${word(p, 'children', 'en')} (a gap)`,
  },
  gap_sliver: {
    zh: (p) => `“${p.parent}”与其${word(p, 'children', 'zh')}之间有 ${p.count} 处细小空隙，共 ${m2(p.m2)}（每处不超过 ${m2(p.tolerance)} 或窄于 ${p.width} m，未修改）`,
    en: (p) => `"${p.parent}" and its ${word(p, 'children', 'en')}s leave ${p.count} slivers, ${m2(p.m2)} in all (each up to ${m2(p.tolerance)} or narrower than ${p.width} m, left as they are)`,
  },
  outside_parent: {
    zh: (p) => `“${p.name}”有 ${m2(p.m2)} 在“${p.parent}”之外`,
    en: (p) => `${m2(p.m2)} of "${p.name}" lies outside "${p.parent}"`,
  },
  outside_parent_sliver: {
    zh: (p) => `“${p.name}”有 ${m2(p.m2)} 的细小部分在“${p.parent}”之外（容差以内，未修改）`,
    en: (p) => `a sliver of ${m2(p.m2)} of "${p.name}" lies outside "${p.parent}" (within the tolerance, left as it is)`,
  },
  not_union_of_villages: {
    zh: (p) => `社区“${p.name}”与其所含村的合并范围相差 ${m2(p.m2)}`,
    en: (p) => `community "${p.name}" differs from the union of its villages by ${m2(p.m2)}`,
  },
  not_union_of_villages_sliver: {
    zh: (p) => `社区“${p.name}”与其所含村的合并范围有 ${m2(p.m2)} 的细小差别（容差以内，未修改）`,
    en: (p) => `community "${p.name}" differs from the union of its villages by a sliver of ${m2(p.m2)} (within the tolerance)`,
  },
  parent_missing: {
    zh: (p) => `${p.what}“${p.id}”所属的${p.parentWhat}“${p.parent}”在导入后不存在：请一并导入或保留它`,
    en: (p) => `${p.whatEn} "${p.id}" belongs to ${p.parentWhatEn} "${p.parent}", which the import leaves out: import or keep it too`,
  },
  outside_region: {
    zh: (p) => `坐标在本市范围之外${p.fits ? `：按 ${p.fits} 读取则正好落在市内，是坐标系选错了吗？` : '：请检查坐标系'}`,
    en: (p) => `the coordinates lie outside the city${p.fits ? `: read as ${p.fits} they fall inside it; is the coordinate system wrong?` : ': check the coordinate system'}`,
  },
  import_wrong_status: {
    zh: (p) => `此导入${status(p.status, 0)}，不能再做这一步（需要${status(p.wanted, 0)}）`,
    en: (p) => `this import is ${status(p.status, 1)}: the step needs it ${status(p.wanted, 1)}`,
  },
  import_city_changed: {
    zh: () => '检查之后城市数据已被他人修改：已重新检查，请查看新的检查结果后再导入',
    en: () => 'the city changed since the check: it was checked again; read the new report, then commit',
  },
  import_no_layers: {
    zh: () => '这次导入还没有任何文件',
    en: () => 'this import has no files yet',
  },
  import_layer_unmapped: {
    zh: (p) => `以下图层还没有完成字段对应：${[p.layers].flat().join('、')}`,
    en: (p) => `these layers still need their columns mapped: ${[p.layers].flat().join(', ')}`,
  },
  import_undo_blocked: {
    zh: (p) => `导入之后有 ${p.count} 个对象已被修改（如 ${[p.ids].flat().join('、')}），撤销会丢掉这些修改，因此不能撤销`,
    en: (p) => `${p.count} objects the import wrote were edited since (such as ${[p.ids].flat().join(', ')}): undoing would lose those edits`,
  },
  import_layer_missing: {
    zh: (p) => `这次导入还没有${p.layer}的文件：请先上传`,
    en: (p) => `this import has no file for ${p.layerEn} yet: upload it first`,
  },
  import_crs_needed: {
    zh: (p) => `${p.layer}的坐标系不能从文件判断：请选择（如 EPSG:4549，或网络地图导出的 GCJ-02 / BD-09）`,
    en: (p) => `the coordinate system of ${p.layerEn} cannot be told from the file: choose it (such as EPSG:4549, or GCJ-02 / BD-09 for web-map exports)`,
  },
  cli_import_no_dir: {
    zh: (p) => `找不到文件夹 ${p.dir}。请按下面的用法重试`,
    en: (p) => `no folder ${p.dir}; see the usage below`,
  },
  cli_import_no_files: {
    zh: (p) => `文件夹 ${p.dir} 里没有按图层命名的文件（如 towns.zip、buildings.geojson、organisations.xlsx；图层有：${p.layers}）`,
    en: (p) => `${p.dir} has no files named by layer (such as towns.zip, buildings.geojson, organisations.xlsx; the layers: ${p.layers})`,
  },
  cli_import_two_files: {
    zh: (p) => `图层 ${p.layer} 有两个文件（${p.a} 和 ${p.b}）：请只留一个`,
    en: (p) => `layer ${p.layer} has two files (${p.a} and ${p.b}): keep one`,
  },
  cli_import_mapping_json: {
    zh: (p) => `mapping.json 有误：${p.detail}`,
    en: (p) => `mapping.json is wrong: ${p.detail}`,
  },
  cli_import_region: {
    zh: (p) => `城市代码“${p.region}”只能由字母、数字、- 和 _ 组成`,
    en: (p) => `region code "${p.region}" may hold only letters, digits, - and _`,
  },
  cli_import_unsure: {
    zh: (p) => `不能确定 ${p.layer} 的这些字段在哪一列：${[p.fields].flat().join('；')}。请在 mapping.json 中写明，如 { "${p.layer}": { "columns": { "字段": "列名" } } }`,
    en: (p) => `cannot tell which columns hold these fields of ${p.layer}: ${[p.fields].flat().join('; ')}. Name them in mapping.json, e.g. { "${p.layer}": { "columns": { "field": "header" } } }`,
  },
  cli_import_crs: {
    zh: (p) => `${p.layer} 的坐标系不能从文件判断（${p.reason}）。请在 mapping.json 中写明，如 { "${p.layer}": { "crs": "${p.suggested || 'EPSG:4549'}" } }`,
    en: (p) => `the coordinate system of ${p.layer} cannot be told from the file. Name it in mapping.json, e.g. { "${p.layer}": { "crs": "${p.suggested || 'EPSG:4549'}" } }`,
  },
  cli_import_ignored: {
    zh: (p) => `已忽略 ${p.name}：文件名不是图层名`,
    en: (p) => `ignored ${p.name}: not named by a layer`,
  },
  cli_import_committed: {
    zh: (p) => `已导入城市 ${p.region}（导入编号 ${p.id}，可在“数据导入”页面撤销）`,
    en: (p) => `imported into ${p.region} (import ${p.id}; it can be undone on the import page)`,
  },
  cli_import_dry_run: {
    zh: (p) => `检查通过，未写入（--dry-run）：城市 ${p.region}`,
    en: (p) => `the check passed; nothing written (--dry-run): ${p.region}`,
  },
  cli_import_refused: {
    zh: (p) => `未导入：有 ${p.errors} 个错误需要先改正，数据未作任何改动`,
    en: (p) => `not imported: ${p.errors} errors to fix first; nothing was changed`,
  },
  export_no_places: {
    zh: (p) => `${p.layer}没有位置，不能导出为 ${p.format === 'kml' ? 'KML' : 'Shapefile'}：请选 Excel 或 GeoJSON`,
    en: (p) => `${p.layerEn} has no places to write as ${p.format === 'kml' ? 'KML' : 'a shapefile'}: choose Excel or GeoJSON`,
  },
} satisfies Catalogue;
