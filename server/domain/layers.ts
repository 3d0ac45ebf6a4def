// The layers a county hands over, each with the fields GridMap reads from it and the headers
// offices write for them. The import's column mapping, the wizard's choices, the CLI's
// mapping.json and the exports all follow this one list (names fixed by the public contract).
import type { CentreKind, CommunityKind } from './kinds';
import type { OrgForm } from './organisations';

export const IMPORT_LAYERS = [
  'towns', 'villages', 'communities', 'village-communities', 'buildings', 'organisations',
  'centres', 'areas', 'groups', 'pairings', 'aliases',
] as const;
export type ImportLayer = (typeof IMPORT_LAYERS)[number];
export const isImportLayer = (s: string): s is ImportLayer => (IMPORT_LAYERS as readonly string[]).includes(s);

/**
 * What a field holds. `ref` names another unit by its code or its name; `list` is several
 * values in one cell (、，,;； or new lines between); `lng`/`lat` degrees and `x`/`y` metres
 * give a point when the file is a table.
 */
export type FieldType = 'code' | 'text' | 'integer' | 'number' | 'phone' | 'choice' | 'ref' | 'list' | 'lng' | 'lat' | 'x' | 'y' | 'yesno';

export interface LayerField {
  name: string;
  zh: string;
  en: string;
  type: FieldType;
  required?: boolean;
  /** Headers offices write for it, compared after normalisation (NFKC, no spaces or brackets' units, lower case). */
  headers: readonly string[];
  /** For `choice`: each value with the words a file may say it in. */
  choices?: Readonly<Record<string, readonly string[]>>;
  /** For `ref`: the layers whose units it may name. */
  refers?: readonly ImportLayer[];
}

/**
 * polygon: boundaries; point: a place (a footprint's centre will do for buildings, or the
 * lng/lat or x/y fields of a table); the optional ones may be left out (an area given by its
 * buildings, a pairing without a place); none: a table without places.
 */
export type LayerGeometry = 'polygon' | 'point' | 'optional-polygon' | 'optional-point' | 'none';

export const isPointLayer = (g: LayerGeometry): boolean => g === 'point' || g === 'optional-point';

export interface LayerSpec {
  layer: ImportLayer;
  zh: string;
  en: string;
  geometry: LayerGeometry;
  fields: readonly LayerField[];
  /**
   * How a row finds the unit it updates on re-import: the first key whose fields the row has.
   * A unit that no longer appears in a re-imported layer is removed (unless the layer is merged).
   */
  keys: readonly (readonly string[])[];
  /** Layers that must be there (in this import or already in the city) for this one's references. */
  after: readonly ImportLayer[];
}

const code = (zh: string, headers: readonly string[] = []): LayerField => ({
  name: 'code', zh, en: 'code', type: 'code',
  headers: [...headers, '代码', '编码', '编号', 'code', 'id', 'dm', 'bm'],
});
const name = (zh: string, headers: readonly string[] = []): LayerField => ({
  name: 'name', zh, en: 'name', type: 'text', required: true,
  headers: [...headers, '名称', 'name', 'mc'],
});
const nameEn: LayerField = { name: 'nameEn', zh: '英文名', en: 'English name', type: 'text', headers: ['英文名', '英文名称', '拼音', 'nameen', 'name_en', 'ename', 'pinyin'] };
const town: LayerField = {
  name: 'town', zh: '所属镇（街道）', en: 'town', type: 'ref', required: true, refers: ['towns'],
  headers: ['所属镇街', '所属镇(街道)', '所属乡镇', '所属镇', '所属街道', '镇(街道)', '镇街', '乡镇', '乡镇街道', '镇', '街道', '镇街代码', '乡镇代码', 'town'],
};
const community = (required: boolean): LayerField => ({
  name: 'community', zh: '所属社区', en: 'community', type: 'ref', required, refers: ['communities'],
  headers: ['所属社区', '现社区', '撤并后社区', '社区名称', '社区', '社区代码', '所属村(社区)', '村(社区)', 'community'],
});
const lng: LayerField = { name: 'lng', zh: '经度', en: 'longitude', type: 'lng', headers: ['经度', 'lng', 'lon', 'long', 'longitude', 'jd'] };
const lat: LayerField = { name: 'lat', zh: '纬度', en: 'latitude', type: 'lat', headers: ['纬度', 'lat', 'latitude', 'wd'] };
const x: LayerField = { name: 'x', zh: 'X 坐标（米）', en: 'X (metres)', type: 'x', headers: ['x', 'x坐标', '横坐标', 'east', 'easting', 'dx'] };
const y: LayerField = { name: 'y', zh: 'Y 坐标（米）', en: 'Y (metres)', type: 'y', headers: ['y', 'y坐标', '纵坐标', 'north', 'northing', 'dy'] };
const count = (fieldName: string, zh: string, en: string, headers: readonly string[]): LayerField => ({ name: fieldName, zh, en, type: 'integer', headers });

export const TOWN_KIND_CHOICES: Readonly<Record<'town' | 'street', readonly string[]>> = { town: ['镇', '乡', 'town'], street: ['街道', '街道办', '街道办事处', 'street'] };

export const COMMUNITY_KIND_CHOICES: Readonly<Record<CommunityKind, readonly string[]>> = {
  rural: ['农村社区', '农村', '行政村', '村', 'rural'],
  village_residence: ['村居合一', '村居合一社区', 'village_residence'],
  township: ['乡镇社区', '镇区社区', 'township'],
  urban: ['城市社区', '社区居委会', '居委会', 'urban'],
};

export const CENTRE_KIND_CHOICES: Readonly<Record<CentreKind, readonly string[]>> = {
  party_service: ['党员人才服务中心', '党群服务中心', '党员服务中心', '党建服务中心', 'party_service'],
  convenience: ['便民服务中心', '便民服务站', '为民服务中心', 'convenience'],
  labour: ['劳动保障服务站', '劳动保障站', '劳动保障服务所', 'labour'],
};

export const ORG_FORM_CHOICES: Readonly<Record<OrgForm, readonly string[]>> = {
  党委: ['党委', '二级党委', '党工委', '党(工)委'],
  党总支: ['党总支', '总支'],
  党支部: ['党支部', '支部', '联合党支部'],
  党小组: ['党小组', '小组'],
};

export const PAIRING_KIND_CHOICES: Readonly<Record<'agency' | 'unit' | 'urban_community', readonly string[]>> = {
  agency: ['机关', '市级机关', '机关部门', '部门', 'agency'],
  unit: ['驻区单位', '单位', '企业', '企事业单位', 'unit'],
  urban_community: ['城市社区', '三星级红旗社区', '社区', 'urban_community'],
};

export const LAYER_SPECS: Readonly<Record<ImportLayer, LayerSpec>> = {
  towns: {
    layer: 'towns', zh: '镇（街道）', en: 'Towns and streets', geometry: 'polygon', after: [],
    fields: [
      code('行政区代码', ['行政区代码', '行政区划代码', '区划代码', '统计用区划代码', '镇街代码', '乡镇代码', 'xzqdm']),
      name('名称', ['镇街名称', '乡镇名称', '街道名称', '镇(街道)名称', '行政区名称', 'xzqmc']),
      nameEn,
      { name: 'kind', zh: '类型', en: 'kind', type: 'choice', choices: TOWN_KIND_CHOICES, headers: ['类型', '类别', '镇街类型', 'kind', 'type'] },
    ],
    keys: [['code'], ['name']],
  },
  villages: {
    layer: 'villages', zh: '行政村（撤并前）', en: 'Villages before consolidation', geometry: 'polygon', after: ['towns'],
    fields: [
      code('行政区代码', ['行政区代码', '行政区划代码', '区划代码', '村代码', '行政村代码', '原村代码', 'xzqdm']),
      name('村名', ['村名', '村名称', '行政村', '行政村名称', '原村名', '原行政村', 'xzqmc']),
      nameEn,
      town,
      { ...community(false), zh: '并入社区', headers: ['并入社区', '撤并后社区', '现社区', '所属社区', '社区', '社区代码', 'community'] },
    ],
    keys: [['code'], ['town', 'name']],
  },
  communities: {
    layer: 'communities', zh: '社区（撤并后）', en: 'Communities after consolidation', geometry: 'polygon', after: ['towns'],
    fields: [
      code('行政区代码', ['行政区代码', '行政区划代码', '区划代码', '社区代码', '村(社区)代码', 'xzqdm']),
      name('社区名称', ['社区名称', '社区', '村(社区)名称', 'xzqmc']),
      nameEn,
      town,
      { name: 'kind', zh: '社区类型', en: 'kind', type: 'choice', required: true, choices: COMMUNITY_KIND_CHOICES, headers: ['社区类型', '类型', '类别', 'kind', 'type'] },
    ],
    keys: [['code'], ['town', 'name']],
  },
  'village-communities': {
    layer: 'village-communities', zh: '村 → 社区对照表', en: 'Village → community table', geometry: 'none', after: ['villages', 'communities'],
    fields: [
      { name: 'village', zh: '原村（代码或名称）', en: 'village (code or name)', type: 'ref', required: true, refers: ['villages'], headers: ['原村代码', '原行政村代码', '村代码', '原村名', '原行政村', '原村', '行政村', '村名', 'village'] },
      { name: 'town', zh: '所属镇（街道）', en: 'town', type: 'ref', refers: ['towns'], headers: town.headers },
      { name: 'community', zh: '现社区（代码或名称）', en: 'community (code or name)', type: 'ref', required: true, refers: ['communities'], headers: ['现社区代码', '社区代码', '撤并后社区', '现社区', '并入社区', '社区名称', '社区', 'community'] },
    ],
    keys: [['village']],
  },
  buildings: {
    layer: 'buildings', zh: '楼栋', en: 'Buildings', geometry: 'point', after: ['communities'],
    fields: [
      code('楼栋编号', ['楼栋编号', '楼栋代码', '楼栋编码', '建筑编号', '房屋编号']),
      { name: 'address', zh: '地址', en: 'address', type: 'text', required: true, headers: ['地址', '楼栋地址', '门牌地址', '详细地址', '标准地址', '门牌', 'address', 'addr', 'dz'] },
      { name: 'estate', zh: '小区', en: 'estate', type: 'text', headers: ['小区', '小区名称', '居住区', '集中居住区名称', '自然村', 'estate'] },
      { name: 'concentrated', zh: '集中居住区', en: 'concentrated estate', type: 'yesno', headers: ['是否集中居住区', '集中居住区', '是否集中居住', '集中居住', 'concentrated', 'concentr'] },
      count('households', '户数', 'households', ['户数', '住户数', '总户数', '户', 'households', 'hs']),
      count('population', '人口', 'population', ['人口', '人口数', '人数', '常住人口', '户籍人口', '总人口', 'population', 'rk']),
      count('partyMembers', '党员数', 'party members', ['党员数', '党员人数', '党员', 'partymembers', 'party_members', 'party_mem', 'dy']),
      community(false),
      { name: 'area', zh: '所属片区', en: 'contracted area', type: 'ref', refers: ['areas'], headers: ['所属片区', '片区', '片区名称', '片区编号', 'area'] },
      { name: 'group', zh: '所属党小组', en: 'party group', type: 'ref', refers: ['groups'], headers: ['所属党小组', '党小组', '楼栋党小组', 'group'] },
      lng, lat, x, y,
    ],
    keys: [['code'], ['address']],
  },
  organisations: {
    layer: 'organisations', zh: '党组织', en: 'Party organisations', geometry: 'none', after: ['towns', 'communities', 'areas', 'groups'],
    fields: [
      code('组织编码', ['组织编码', '组织代码', '党组织编码']),
      name('党组织名称', ['党组织名称', '组织名称', '党组织']),
      { name: 'form', zh: '组织类别', en: 'form', type: 'choice', required: true, choices: ORG_FORM_CHOICES, headers: ['组织类别', '党组织类别', '组织形式', '类别', '类型', 'form'] },
      count('members', '党员数', 'members', ['党员数', '党员人数', '党员', '人数', 'members']),
      { name: 'secretary', zh: '书记', en: 'secretary', type: 'text', headers: ['书记', '党组织书记', '书记姓名', '负责人', 'secretary'] },
      count('volunteers', '党员志愿者', 'party-member volunteers', ['党员志愿者', '党员志愿者数', '志愿者', '志愿者人数', 'volunteers']),
      { name: 'unit', zh: '所在单位（镇、社区、片区或党小组）', en: 'unit it leads', type: 'ref', required: true, refers: ['towns', 'communities', 'areas', 'groups'], headers: ['所在单位', '所属单位', '单位名称', '领导单位', '对应单位', '单位', '所在村(社区)', '所在社区', 'unit'] },
    ],
    keys: [['code'], ['unit', 'form']],
  },
  centres: {
    layer: 'centres', zh: '服务中心', en: 'Service centres', geometry: 'point', after: ['communities'],
    fields: [
      code('编号', ['中心编号', '阵地编号']),
      name('中心名称', ['中心名称', '阵地名称', '服务中心名称', '站点名称']),
      { name: 'kind', zh: '类型', en: 'kind', type: 'choice', required: true, choices: CENTRE_KIND_CHOICES, headers: ['类型', '类别', '中心类型', '阵地类型', 'kind', 'type'] },
      { name: 'address', zh: '地址', en: 'address', type: 'text', headers: ['地址', '详细地址', '所在地址', 'address'] },
      { name: 'floorArea', zh: '面积（平方米）', en: 'floor area (m²)', type: 'number', required: true, headers: ['面积', '建筑面积', '使用面积', '阵地面积', '面积平方米', '面积m2', '面积㎡', 'floorarea', 'area'] },
      { name: 'hours', zh: '开放时间', en: 'opening hours', type: 'text', headers: ['开放时间', '服务时间', '办公时间', '开放时段', 'hours'] },
      { name: 'serviceItems', zh: '服务事项', en: 'service items', type: 'list', headers: ['服务事项', '服务项目', '服务内容', '事项数', 'serviceitems', 'items'] },
      { name: 'radius', zh: '服务半径（米）', en: 'service radius (m)', type: 'number', headers: ['服务半径', '半径', '服务半径米', 'radius', 'radiusm'] },
      community(false),
      lng, lat, x, y,
    ],
    keys: [['code'], ['community', 'name']],
  },
  areas: {
    layer: 'areas', zh: '片区及负责人', en: 'Contracted areas and leads', geometry: 'optional-polygon', after: ['communities', 'buildings'],
    fields: [
      code('片区编号', ['片区编号', '片区代码', '片区编码']),
      name('片区名称', ['片区名称', '片区', '网格名称', '网格']),
      community(true),
      { name: 'lead', zh: '片区负责人', en: 'lead', type: 'text', required: true, headers: ['片区负责人', '负责人', '包片干部', '网格员', '负责人姓名', '姓名', 'lead'] },
      { name: 'phone', zh: '联系电话', en: 'phone', type: 'phone', required: true, headers: ['联系电话', '负责人电话', '电话', '手机', '手机号', '手机号码', 'phone', 'tel'] },
      { name: 'buildings', zh: '包含楼栋', en: 'buildings', type: 'list', headers: ['包含楼栋', '楼栋', '楼栋编号', '所辖楼栋', '包片范围', '范围', 'buildings'] },
    ],
    keys: [['code'], ['community', 'name']],
  },
  groups: {
    layer: 'groups', zh: '楼栋党小组', en: 'Building party groups', geometry: 'none', after: ['areas', 'buildings'],
    fields: [
      code('党小组编号', ['党小组编号', '党小组代码']),
      name('党小组名称', ['党小组名称', '党小组', '小组名称']),
      { name: 'area', zh: '所属片区', en: 'contracted area', type: 'ref', required: true, refers: ['areas'], headers: ['所属片区', '片区', '片区名称', '片区编号', 'area'] },
      community(false),
      { name: 'buildings', zh: '包含楼栋', en: 'buildings', type: 'list', headers: ['包含楼栋', '楼栋', '楼栋编号', '所辖楼栋', 'buildings'] },
    ],
    keys: [['code'], ['area', 'name']],
  },
  pairings: {
    layer: 'pairings', zh: '结对共建', en: 'Pairings', geometry: 'optional-point', after: ['communities'],
    fields: [
      { name: 'orgName', zh: '结对单位', en: 'paired organisation', type: 'text', required: true, headers: ['结对单位', '共建单位', '结对单位名称', '单位名称', '结对党组织', 'orgname'] },
      { name: 'orgKind', zh: '单位类别', en: 'kind', type: 'choice', required: true, choices: PAIRING_KIND_CHOICES, headers: ['单位类别', '单位类型', '类别', '类型', 'orgkind', 'kind'] },
      { ...community(true), headers: ['结对社区', '结对村(社区)', '所属社区', '社区', '社区代码', 'community'] },
      lng, lat, x, y,
    ],
    keys: [['orgName', 'community']],
  },
  aliases: {
    layer: 'aliases', zh: '旧村名', en: 'Old village names', geometry: 'none', after: ['communities'],
    fields: [
      community(true),
      { name: 'alias', zh: '旧名称', en: 'old name', type: 'text', required: true, headers: ['旧村名', '原村名', '别名', '曾用名', '旧名称', '俗称', 'alias'] },
    ],
    keys: [['community', 'alias']],
  },
};

/** The layers in an order in which every reference points to a layer already read. */
export const LAYER_ORDER: readonly ImportLayer[] = [
  'towns', 'communities', 'villages', 'village-communities', 'buildings', 'areas', 'groups', 'organisations', 'centres', 'pairings', 'aliases',
];

/**
 * Overlaps, gaps and parts outside a parent up to SLIVER_M2, or narrower on average than
 * SLIVER_WIDTH_M (twice the area over the perimeter), are slivers: boundaries drawn by different
 * offices never meet exactly. They are reported as slivers (warnings), never snapped away;
 * anything larger is an error.
 */
export const SLIVER_M2 = 10;
export const SLIVER_WIDTH_M = 0.5;

/**
 * The header a field is written under where a format allows only 10 bytes (a shapefile's .dbf):
 * the first short Latin header the import itself recognises.
 */
export const shortHeader = (f: LayerField): string => f.headers.find((h) => /^[a-z_]{1,10}$/.test(h)) ?? f.name.slice(0, 10);
