// What the onboarding import says about the files a county hands over: a file it cannot read,
// a column mapping it cannot use, a cell that does not hold what its column promises, a row
// without the place it needs, and how it judged the coordinate system. Joined in messages.ts.
import type { Catalogue, MessageParams } from './sentence';

const list = (v: unknown, separator = ', '): string => (Array.isArray(v) ? v.join(separator) : String(v ?? ''));

/**
 * Where a cell or record is: `row` (the sheet's row number) or `feature` (its number in the
 * file), then the field by its Chinese `field` / English `fieldEn` name, as far as given.
 */
function atZh(p: MessageParams): string {
  const where = typeof p.row === 'number' ? `第 ${p.row} 行` : typeof p.feature === 'number' ? `第 ${p.feature} 个要素` : '';
  const field = p.field ? `“${p.field}”` : '';
  return where || field ? `${where}${field}：` : '';
}
function atEn(p: MessageParams): string {
  const where = typeof p.row === 'number' ? `row ${p.row}` : typeof p.feature === 'number' ? `feature ${p.feature}` : '';
  const field = p.fieldEn ? `${p.fieldEn}` : '';
  const both = [where, field].filter(Boolean).join(', ');
  return both ? `${both}: ` : '';
}

const megabytes = (bytes: unknown) => Math.ceil(Number(bytes) / 1_048_576);

export const FILE_MESSAGES = {
  // reading a file
  import_file_empty: {
    zh: (p) => `文件“${p.name}”是空的`,
    en: (p) => `"${p.name}" is empty`,
  },
  /** `name` of the file. */
  import_format_unknown: {
    zh: (p) => `无法识别文件“${p.name}”的格式：请上传压缩的 Shapefile（.zip）、GeoJSON（.geojson/.json）、KML、Excel（.xlsx）或 CSV 文件`,
    en: (p) => `"${p.name}" is in no format we read: send a zipped shapefile, GeoJSON, KML, .xlsx or CSV`,
  },
  import_xls_old: {
    zh: (p) => `“${p.name}”是旧版 Excel（.xls）：请在 Excel 中“另存为” .xlsx 后再导入`,
    en: (p) => `"${p.name}" is an old .xls workbook: save it as .xlsx in Excel and import that`,
  },
  /** The zip declares `size` bytes once unpacked, more than `max`. */
  import_zip_too_large: {
    zh: (p) => `压缩包解压后有 ${megabytes(p.size)} MB，超过 ${megabytes(p.max)} MB 的上限：请分图层或分镇拆开后分别导入`,
    en: (p) => `the zip unpacks to ${megabytes(p.size)} MB, more than the limit of ${megabytes(p.max)} MB: split it`,
  },
  /** `detail`: the workbook reader's words. */
  import_xlsx_unreadable: {
    zh: (p) => `Excel 文件无法读取（${p.detail}）：文件可能已损坏或有密码，请在 Excel 中重新保存为 .xlsx`,
    en: (p) => `the workbook cannot be read: ${p.detail}`,
  },
  /** `sheet` asked for, `sheets` the workbook has. */
  import_sheet_missing: {
    zh: (p) => `工作簿中没有名为“${p.sheet}”的工作表（有：${list(p.sheets, '、')}）`,
    en: (p) => `the workbook has no sheet "${p.sheet}" (it has ${list(p.sheets)})`,
  },
  import_sheet_empty: {
    zh: (p) => `工作表“${p.sheet}”是空的：请选择填有数据的工作表`,
    en: (p) => `sheet "${p.sheet}" is empty`,
  },
  /** `sheet`: no row there looks like a row of column names. */
  import_no_header: {
    zh: (p) => `在工作表“${p.sheet}”的前几行中找不到表头（列名所在的行）：请确认表头是文字，且每列都有列名`,
    en: (p) => `no header row (the column names) found near the top of sheet "${p.sheet}"`,
  },
  /** More than `max` rows (or features); `count` when known. */
  import_too_many_rows: {
    zh: (p) => `文件的数据超过 ${p.max} 行${p.count ? `（有 ${p.count} 行）` : ''}，超出本图层的上限：请拆分后分别导入`,
    en: (p) => `the file holds more than ${p.max} rows${p.count ? ` (${p.count})` : ''}, the limit for this layer: split it`,
  },
  /** `detail`: the CSV reader's words. */
  import_csv_unreadable: {
    zh: (p) => `CSV 文件无法读取（${p.detail}）：请在 Excel 中重新另存为 CSV 或 .xlsx`,
    en: (p) => `the CSV cannot be read: ${p.detail}`,
  },
  // the column mapping
  /** `field` is not a field of the layer, whose fields are `fields`. */
  import_mapping_unknown_field: {
    zh: (p) => `对应关系中的“${p.field}”不是本图层的字段（字段有：${list(p.fields, '、')}）`,
    en: (p) => `"${p.field}" is not a field of this layer (its fields: ${list(p.fields)})`,
  },
  /** Field `field` / `fieldEn` is mapped to `column`, which the file does not have; it has `columns`. */
  import_mapping_unknown_column: {
    zh: (p) => `“${p.field}”对应的列“${p.column}”在文件中不存在（文件的列有：${list(p.columns, '、')}）`,
    en: (p) => `${p.fieldEn} is mapped to column "${p.column}", which the file does not have (it has ${list(p.columns)})`,
  },
  /** Required fields without a column: `fields` (Chinese) / `fieldsEn`. */
  import_mapping_missing: {
    zh: (p) => `请为必填字段选择对应的列：${list(p.fields, '、')}`,
    en: (p) => `choose the columns of the required fields: ${list(p.fieldsEn)}`,
  },
  import_xy_crs_needed: {
    zh: () => '表中的 X/Y 坐标是投影坐标（米），需要知道坐标系：请选择（不清楚时请向测绘单位询问 EPSG 代码，如 4549）',
    en: () => 'the X/Y columns are projected metres: choose their coordinate system (an EPSG code such as 4549)',
  },
  // one cell: `value` as written, and where it is (see atZh)
  cell_approximate: {
    zh: (p) => `${atZh(p)}“${p.value}”是估计值，请填写确切的数`,
    en: (p) => `${atEn(p)}"${p.value}" is an estimate: write the exact number`,
  },
  cell_not_number: {
    zh: (p) => `${atZh(p)}“${p.value}”不是数字`,
    en: (p) => `${atEn(p)}"${p.value}" is not a number`,
  },
  cell_not_integer: {
    zh: (p) => `${atZh(p)}“${p.value}”不是整数`,
    en: (p) => `${atEn(p)}"${p.value}" is not a whole number`,
  },
  cell_negative: {
    zh: (p) => `${atZh(p)}“${p.value}”是负数`,
    en: (p) => `${atEn(p)}"${p.value}" is negative`,
  },
  cell_code_scientific: {
    zh: (p) => `${atZh(p)}代码显示为科学计数法“${p.value}”，后几位已经丢失：请在 Excel 中把该列设为“文本”格式，重新填写后再导出`,
    en: (p) => `${atEn(p)}the code was saved as "${p.value}" and its last digits are lost: format the column as text in Excel and export again`,
  },
  cell_phone: {
    zh: (p) => `${atZh(p)}“${p.value}”不是手机号（11 位）或带区号的固定电话`,
    en: (p) => `${atEn(p)}"${p.value}" is neither an 11-digit mobile nor a landline with its area code`,
  },
  cell_phones_several: {
    zh: (p) => `${atZh(p)}“${p.value}”填了多个电话：请只留一个`,
    en: (p) => `${atEn(p)}"${p.value}" holds several phone numbers: keep one`,
  },
  cell_yes_no: {
    zh: (p) => `${atZh(p)}“${p.value}”不是“是”或“否”`,
    en: (p) => `${atEn(p)}"${p.value}" is not yes or no`,
  },
  /** `choices`: the words the field takes. */
  cell_choice: {
    zh: (p) => `${atZh(p)}“${p.value}”不是可选的值（可选：${list(p.choices, '、')}）`,
    en: (p) => `${atEn(p)}"${p.value}" is not one of ${list(p.choices)}`,
  },
  // one record
  record_required_empty: {
    zh: (p) => `${atZh(p)}必填，但是空的`,
    en: (p) => `${atEn(p)}required, but empty`,
  },
  record_no_geometry: {
    zh: (p) => `${atZh(p)}没有边界（面）：请在 GIS 软件中补画或删除该要素`,
    en: (p) => `${atEn(p)}has no boundary (polygon)`,
  },
  /** The geometry's `type`, and what the layer takes: `expected` polygon | point. */
  record_geometry_type: {
    zh: (p) => `${atZh(p)}图形是 ${p.type}，本图层需要${p.expected === 'point' ? '点或楼栋轮廓（面）' : '面（多边形）'}`,
    en: (p) => `${atEn(p)}the geometry is a ${p.type}; this layer takes ${p.expected === 'point' ? 'points or footprints (polygons)' : 'polygons'}`,
  },
  /** What the geometry gate said: `problem` / `problemEn` (its code is `problemCode`). */
  record_geometry: {
    zh: (p) => `${atZh(p)}${p.problem}`,
    en: (p) => `${atEn(p)}${p.problemEn}`,
  },
  record_no_point: {
    zh: (p) => `${atZh(p)}没有坐标：请填写经纬度（或 X/Y 坐标）`,
    en: (p) => `${atEn(p)}no coordinates: fill in longitude and latitude (or X and Y)`,
  },
  /** `address` of a row without coordinates, to be placed by it. */
  record_located_by_address: {
    zh: (p) => `${atZh(p)}没有坐标，将按地址“${p.address}”定位`,
    en: (p) => `${atEn(p)}no coordinates: placed by its address "${p.address}"`,
  },
  /** Only one of a pair of coordinates: `missing` / `missingEn` names the other. */
  record_half_point: {
    zh: (p) => `${atZh(p)}缺少${p.missing}：坐标须成对填写`,
    en: (p) => `${atEn(p)}${p.missingEn} is missing: coordinates come in pairs`,
  },
  // how the coordinate system was judged (crs-detect.ts)
  crs_degrees: {
    zh: () => '坐标是经纬度，按 CGCS2000（与 WGS84 相差不到 1 厘米）读取；若来自高德/腾讯（GCJ-02）或百度（BD-09）地图，请手动选择',
    en: () => 'the coordinates are degrees, read as CGCS2000 (within a centimetre of WGS84); choose GCJ-02 or BD-09 yourself if they come from a Chinese web map',
  },
  crs_degrees_swapped: {
    zh: () => '坐标是经纬度，但纬度写在经度前面：已按“先纬度后经度”读取',
    en: () => 'the coordinates are degrees with latitude first: read as such',
  },
  /** `zone` (its number) and `label` (the EPSG code). */
  crs_zone_prefix: {
    zh: (p) => `X 坐标带有 ${p.zone} 带的带号：按 CGCS2000 3 度带高斯-克吕格 ${p.label} 读取`,
    en: (p) => `the X coordinates carry the zone number ${p.zone}: read as CGCS2000 3-degree Gauss-Krüger ${p.label}`,
  },
  crs_zone_prefix_swapped: {
    zh: (p) => `坐标先写 Y（北）后写 X（东），X 带有 ${p.zone} 带的带号：按 ${p.label}、先 Y 后 X 读取`,
    en: (p) => `the coordinates are written Y (north) first, X carrying zone ${p.zone}: read as ${p.label} with Y first`,
  },
  crs_mercator: {
    zh: () => '坐标是 Web 墨卡托（EPSG:3857）的米',
    en: () => 'the coordinates are Web Mercator metres (EPSG:3857)',
  },
  /** Gauss-Krüger without the zone: `suggested` is the zone that lands in the region, if just one does. */
  crs_no_zone: {
    zh: (p) => `坐标是高斯-克吕格投影的米，但 X 没有带号，无法确定是哪一带${p.suggested ? `：按本地区的位置，应是 ${p.suggested}，请确认` : '：请选择坐标系（向制图单位询问 EPSG 代码）'}${p.swapped ? '（先 Y 后 X）' : ''}`,
    en: (p) => `Gauss-Krüger metres without the zone number in X: ${p.suggested ? `${p.suggested} lands in the region; confirm it` : 'choose the system (ask the surveyors for its EPSG code)'}${p.swapped ? ' (Y first)' : ''}`,
  },
  crs_mixed: {
    zh: () => '文件中的坐标形式不一（有经纬度也有米，或带号不同）：请检查文件，或选择坐标系',
    en: () => 'the coordinates are of mixed kinds (degrees and metres, or different zones): check the file or choose the system',
  },
  /** `sample`: one position as written. */
  crs_unrecognised: {
    zh: (p) => `无法从坐标（如 [${list(p.sample)}]）判断坐标系：请选择坐标系`,
    en: (p) => `the coordinates (such as [${list(p.sample)}]) fit no system we recognise: choose one`,
  },
  crs_no_positions: {
    zh: () => '文件中没有坐标，无法判断坐标系',
    en: () => 'the file holds no coordinates to judge the system by',
  },
} satisfies Catalogue;
