// The change table of /compare as an Excel workbook for officials: one row per new community,
// one per community keeping part of its villages, and the city's units before → after. It is
// written from the comparison itself, so the workbook and the page can never disagree.
import ExcelJS from 'exceljs';
import { COMMUNITY_KIND_NAMES, type CommunityKind } from '../../domain/kinds';
import { UNIT_FORMS } from '../../domain/organisations';
import type { Comparison, Figures } from './compare';

const SHARE = '0.0%';
const WHOLE = '#,##0';

type Cell = string | number | null;

interface Column {
  header: string;
  width: number;
  format?: string;
}

function figureColumns(): Column[] {
  return [
    { header: '楼栋', width: 8, format: WHOLE },
    { header: '人口', width: 10, format: WHOLE },
    { header: '户数', width: 10, format: WHOLE },
    { header: '面积（平方米）', width: 14, format: WHOLE },
    { header: '党员', width: 8, format: WHOLE },
    { header: '覆盖率（调整前）', width: 12, format: SHARE },
    { header: '覆盖率（调整后）', width: 12, format: SHARE },
    { header: '最远楼栋距离（调整前，米）', width: 14, format: WHOLE },
    { header: '最远楼栋距离（调整后，米）', width: 14, format: WHOLE },
  ];
}

const figureCells = (f: Figures): Cell[] => [f.buildings, f.population, f.households, f.landM2, f.partyMembers, f.coverage.before, f.coverage.after, f.farthestM.before, f.farthestM.after];

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: Cell[][]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.format ? { numFmt: c.format } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
}

function warningText(w: Comparison['groups'][number]['warnings'], name: (id: string) => string): string {
  const parts: string[] = [];
  const list = (ids: string[]) => ids.map(name).join('、');
  if (w.detached.length) parts.push(`不相邻：${list(w.detached)}`);
  if (w.holes) parts.push(`空洞 ${w.holes} 处`);
  if (w.enclaves.length) parts.push(`飞地：${list(w.enclaves)}`);
  if (w.townsCrossed.length) parts.push(`跨镇：${list(w.townsCrossed)}`);
  return parts.join('；');
}

/** The workbook's bytes; `names` names the towns, villages and communities the rows refer to by id. */
export async function changesWorkbook(scenarioName: string, c: Comparison, names: ReadonlyMap<string, string>): Promise<Buffer> {
  const name = (id: string) => names.get(id) ?? id;
  const workbook = new ExcelJS.Workbook();
  workbook.title = `${scenarioName} 变更表`;

  addSheet(
    workbook,
    '新社区',
    [
      { header: '新社区', width: 16 },
      { header: '英文名', width: 16 },
      { header: '镇（街道）', width: 12 },
      { header: '类型', width: 12 },
      { header: '合并行政村数', width: 8, format: WHOLE },
      { header: '原社区', width: 24 },
      ...figureColumns(),
      { header: '党组织形式', width: 10 },
      { header: '组织形式变化', width: 28 },
      { header: '提示', width: 30 },
    ],
    c.groups.map((g) => [
      g.name,
      g.nameEn,
      name(g.townId),
      COMMUNITY_KIND_NAMES[g.kind as CommunityKind]?.zh ?? g.kind,
      g.villages.length,
      g.fromCommunities.map((f) => (f.whole ? f.name : `${f.name}（部分）`)).join('、'),
      ...figureCells(g),
      g.form,
      g.formChanges.map((f) => `${name(f.id)}：${f.from ?? '无'} → ${f.to}`).join('；'),
      warningText(g.warnings, name),
    ]),
  );

  addSheet(
    workbook,
    '保留社区',
    [{ header: '社区', width: 16 }, { header: '保留行政村数', width: 8, format: WHOLE }, ...figureColumns(), { header: '组织形式（调整前）', width: 10 }, { header: '组织形式（调整后）', width: 10 }],
    c.remainders.map((r) => [r.name, r.villagesKept, ...figureCells(r), r.form.before, r.form.after]),
  );

  const { communities, partyOrgs, areasToReplan } = c.totals;
  const unit = (label: string, before: number, after: number): Cell[] => [label, before, after, after - before];
  addSheet(
    workbook,
    '全市汇总',
    [{ header: '指标', width: 24 }, { header: '调整前', width: 10, format: WHOLE }, { header: '调整后', width: 10, format: WHOLE }, { header: '变化', width: 10, format: WHOLE }],
    [
      unit('农村社区（含村居合一）', communities.before.rural!, communities.after.rural!),
      unit(`其中${COMMUNITY_KIND_NAMES.village_residence.zh}`, communities.before.villageResidence!, communities.after.villageResidence!),
      unit('城市社区（含乡镇社区）', communities.before.urban!, communities.after.urban!),
      unit('其中乡镇社区', communities.before.township!, communities.after.township!),
      ...UNIT_FORMS.map((f) => unit(`村党组织：${f}`, partyOrgs.village.before[f], partyOrgs.village.after[f])),
      ...UNIT_FORMS.map((f) => unit(`社区党组织：${f}`, partyOrgs.community.before[f], partyOrgs.community.after[f])),
      ['待重新划片的片区', null, areasToReplan, null],
    ],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
