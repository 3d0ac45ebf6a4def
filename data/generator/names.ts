// Place and person names. Everything is composed from small pools of characters with
// their pinyin, so each Chinese name has a matching romanisation without a dictionary,
// and uniqueness is enforced here (addresses and search depend on it).
import type { Random } from './rng.js';

export interface Named {
  zh: string;
  en: string;
}

export const CITY_NAME = '滨江市';
export const PROVINCE = '江苏省';

/** 3 streets in the centre, then 14 towns. Base names are reused for seat communities. */
export const STREETS: Named[] = [
  { zh: '江城', en: 'Jiangcheng' },
  { zh: '城南', en: 'Chengnan' },
  { zh: '新港', en: 'Xingang' },
];
export const TOWNS: Named[] = [
  { zh: '沿江', en: 'Yanjiang' },
  { zh: '龙湾', en: 'Longwan' },
  { zh: '永安', en: "Yong'an" },
  { zh: '丰乐', en: 'Fengle' },
  { zh: '新桥', en: 'Xinqiao' },
  { zh: '高塘', en: 'Gaotang' },
  { zh: '白沙', en: 'Baisha' },
  { zh: '三河', en: 'Sanhe' },
  { zh: '双庙', en: 'Shuangmiao' },
  { zh: '长泾', en: 'Changjing' },
  { zh: '东兴', en: 'Dongxing' },
  { zh: '西溪', en: 'Xixi' },
  { zh: '南闸', en: 'Nanzha' },
  { zh: '黄桥', en: 'Huangqiao' },
];

type Syl = [string, string];

const SURNAMES: Syl[] = [
  ['张', 'Zhang'], ['王', 'Wang'], ['李', 'Li'], ['陈', 'Chen'], ['刘', 'Liu'], ['周', 'Zhou'],
  ['吴', 'Wu'], ['徐', 'Xu'], ['孙', 'Sun'], ['朱', 'Zhu'], ['黄', 'Huang'], ['钱', 'Qian'],
  ['蒋', 'Jiang'], ['沈', 'Shen'], ['陆', 'Lu'], ['顾', 'Gu'], ['杨', 'Yang'], ['何', 'He'],
  ['高', 'Gao'], ['郭', 'Guo'], ['马', 'Ma'], ['丁', 'Ding'], ['施', 'Shi'], ['姚', 'Yao'],
  ['严', 'Yan'], ['范', 'Fan'], ['曹', 'Cao'], ['邵', 'Shao'], ['葛', 'Ge'], ['季', 'Ji'],
  ['缪', 'Miao'], ['秦', 'Qin'], ['唐', 'Tang'], ['戴', 'Dai'], ['夏', 'Xia'], ['金', 'Jin'],
  ['华', 'Hua'], ['殷', 'Yin'], ['汪', 'Wang'], ['仇', 'Qiu'], ['卞', 'Bian'], ['储', 'Chu'],
];
const PLACE_PREFIX: Syl[] = [
  ['东', 'Dong'], ['西', 'Xi'], ['南', 'Nan'], ['北', 'Bei'], ['新', 'Xin'], ['大', 'Da'],
  ['小', 'Xiao'], ['前', 'Qian'], ['后', 'Hou'], ['红', 'Hong'], ['青', 'Qing'], ['柳', 'Liu'],
  ['桃', 'Tao'], ['杏', 'Xing'], ['芦', 'Lu'], ['沙', 'Sha'], ['石', 'Shi'], ['双', 'Shuang'],
];
const VILLAGE_SUFFIX: Syl[] = [
  ['家', 'jia'], ['庄', 'zhuang'], ['桥', 'qiao'], ['港', 'gang'], ['圩', 'wei'], ['塘', 'tang'],
  ['巷', 'xiang'], ['湾', 'wan'], ['埭', 'dai'], ['舍', 'she'], ['墩', 'dun'], ['河', 'he'], ['垛', 'duo'],
];
const GOOD_FIRST: Syl[] = [
  ['永', 'Yong'], ['新', 'Xin'], ['兴', 'Xing'], ['丰', 'Feng'], ['福', 'Fu'], ['康', 'Kang'],
  ['安', 'An'], ['和', 'He'], ['华', 'Hua'], ['金', 'Jin'], ['龙', 'Long'], ['凤', 'Feng'],
  ['长', 'Chang'], ['祥', 'Xiang'], ['瑞', 'Rui'], ['盛', 'Sheng'], ['江', 'Jiang'], ['港', 'Gang'],
  ['桃', 'Tao'], ['梅', 'Mei'], ['荷', 'He'], ['柳', 'Liu'], ['乐', 'Le'], ['泰', 'Tai'],
  ['富', 'Fu'], ['春', 'Chun'], ['朝', 'Zhao'], ['银', 'Yin'], ['锦', 'Jin'], ['振', 'Zhen'],
];
const GOOD_SECOND: Syl[] = [
  ['丰', 'feng'], ['安', 'an'], ['兴', 'xing'], ['福', 'fu'], ['康', 'kang'], ['华', 'hua'],
  ['湾', 'wan'], ['港', 'gang'], ['园', 'yuan'], ['桥', 'qiao'], ['河', 'he'], ['泉', 'quan'],
  ['林', 'lin'], ['庄', 'zhuang'], ['塘', 'tang'], ['阳', 'yang'], ['平', 'ping'], ['宁', 'ning'],
  ['盛', 'sheng'], ['乐', 'le'], ['和', 'he'], ['源', 'yuan'], ['星', 'xing'], ['洲', 'zhou'],
];
const ESTATE_SUFFIX = ['花苑', '家园', '新村', '小区', '嘉园', '佳苑', '新城', '雅苑', '名苑', '公寓'];
const GIVEN = [
  '建', '国', '华', '明', '芳', '丽', '军', '平', '红', '英', '伟', '强', '敏', '静', '玉', '兰',
  '霞', '峰', '勇', '杰', '涛', '斌', '燕', '娟', '海', '林', '春', '秀', '忠', '荣', '新', '文',
  '志', '德', '永', '金', '云', '梅', '洪', '卫', '俊', '雪', '琴', '刚', '波', '亮',
];
const MOBILE_PREFIX = ['138', '139', '151', '152', '158', '159', '187', '188', '136', '137', '150', '157', '182', '183'];

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (enough for 片区 and 组 numbering). */
export function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n] as string;
  if (n < 20) return '十' + (n % 10 === 0 ? '' : (CN_DIGITS[n % 10] as string));
  if (n < 100) return (CN_DIGITS[Math.floor(n / 10)] as string) + '十' + (n % 10 === 0 ? '' : (CN_DIGITS[n % 10] as string));
  return String(n);
}

/** Hands out names that are unique city-wide (a name used once is never reissued). */
export class NameBook {
  private used = new Set<string>();

  constructor(private rnd: Random) {}

  reserve(zh: string): void {
    this.used.add(zh);
  }

  isUsed(zh: string): boolean {
    return this.used.has(zh);
  }

  /** Old administrative villages: 张家村, 陈桥村, 东港村 … */
  village(): Named {
    for (let t = 0; t < 10_000; t++) {
      const first = this.rnd.next() < 0.8 ? this.rnd.pick(SURNAMES) : this.rnd.pick(PLACE_PREFIX);
      const suf = this.rnd.pick(VILLAGE_SUFFIX);
      const zh = `${first[0]}${suf[0]}村`;
      if (this.used.has(zh)) continue;
      this.used.add(zh);
      return { zh, en: `${first[1]}${suf[1]} Village` };
    }
    throw new Error('village names exhausted');
  }

  /** Two auspicious characters, the stem of community and estate names: 永丰, 龙湾 … */
  stem(): Named {
    for (let t = 0; t < 10_000; t++) {
      const a = this.rnd.pick(GOOD_FIRST);
      const b = this.rnd.pick(GOOD_SECOND);
      if (a[0] === b[0]) continue;
      const zh = a[0] + b[0];
      if (this.used.has(zh)) continue;
      this.used.add(zh);
      return { zh, en: a[1] + b[1] };
    }
    throw new Error('stems exhausted');
  }

  /** Concentrated estate name, preferring the given stem: 龙湾花苑, 幸福家园, 永丰新村. */
  estate(stem: string | null): string {
    for (let t = 0; t < 10_000; t++) {
      const base = stem !== null && t < 5 ? stem : this.stemText();
      const zh = base + this.rnd.pick(ESTATE_SUFFIX);
      if (this.used.has(zh)) continue;
      this.used.add(zh);
      return zh;
    }
    throw new Error('estate names exhausted');
  }

  private stemText(): string {
    const a = this.rnd.pick(GOOD_FIRST);
    const b = this.rnd.pick(GOOD_SECOND);
    return a[0] + b[0];
  }
}

export function personName(rnd: Random): string {
  const s = rnd.pick(SURNAMES)[0];
  const g1 = rnd.pick(GIVEN);
  return rnd.next() < 0.7 ? s + g1 + rnd.pick(GIVEN) : s + g1;
}

export class PhoneBook {
  private used = new Set<string>();

  constructor(private rnd: Random) {}

  next(): string {
    for (;;) {
      let n = this.rnd.pick(MOBILE_PREFIX);
      for (let k = 0; k < 8; k++) n += String(this.rnd.int(0, 9));
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
  }
}

/** City agencies paired with communities (结对共建). */
export const AGENCIES: string[] = [
  '市委办公室', '市政府办公室', '市人大常委会办公室', '市政协办公室', '市纪委监委', '市委组织部',
  '市委宣传部', '市委统战部', '市委政法委', '市委编办', '市委党校', '市委老干部局', '市发展和改革委员会',
  '市教育局', '市科学技术局', '市工业和信息化局', '市公安局', '市民政局', '市司法局', '市财政局',
  '市人力资源和社会保障局', '市自然资源和规划局', '市生态环境局', '市住房和城乡建设局', '市交通运输局',
  '市水利局', '市农业农村局', '市商务局', '市文化广电和旅游局', '市卫生健康委员会', '市退役军人事务局',
  '市应急管理局', '市审计局', '市市场监督管理局', '市统计局', '市医疗保障局', '市城市管理局',
  '市行政审批局', '市信访局', '市机关事务管理局', '市数据局', '市总工会', '团市委', '市妇联', '市科协',
  '市残联', '市工商联', '市供销合作总社', '市税务局', '市人民法院', '市人民检察院', '市档案馆',
  '市融媒体中心', '市公积金管理中心', '市气象局', '市地方志办公室', '市红十字会', '市侨联', '市文联',
  '市社科联', '市粮食和物资储备局', '市住房保障中心', '市农业技术推广中心', '市疾病预防控制中心',
  '市政务服务管理办公室', '市国有资产监督管理办公室', '市投资促进中心', '市水利工程管理处',
  '市公路事业发展中心', '市港口管理局', '市长江河道管理处', '市消防救援大队', '市人民武装部',
  '市公共资源交易中心', '市社会治理现代化指挥中心',
];

const UNIT_KIND: Syl[] = [
  ['机械', 'Machinery'], ['纺织', 'Textile'], ['化工', 'Chemical'], ['电子', 'Electronics'],
  ['建材', 'Building Materials'], ['物流', 'Logistics'], ['食品', 'Food'], ['船舶', 'Shipbuilding'],
  ['电气', 'Electric'], ['新材料', 'New Materials'], ['医药', 'Pharmaceutical'], ['服装', 'Garment'],
  ['钢结构', 'Steel Structure'], ['农业科技', 'Agritech'], ['港务', 'Port'], ['环保科技', 'Environmental'],
];
const UNIT_FIXED = [
  '市人民医院', '市中医院', '市第一中学', '市第二中学', '市实验小学', '市供电公司', '市水务集团',
  '市城投集团', '市交通产业集团', '市农商银行', '市邮政分公司', '市电信分公司', '市移动分公司',
  '市联通分公司', '市港务集团', '市文旅集团', '市烟草专卖局', '市职业教育中心', '市妇幼保健院', '市第三人民医院',
];

/** Resident units (驻市单位): public institutions and companies with their own party organisation. */
export function unitNames(rnd: Random, count: number): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  for (const u of UNIT_FIXED) {
    if (out.length >= count) break;
    out.push(u + '党委');
    used.add(u);
  }
  while (out.length < count) {
    const a = rnd.pick(GOOD_FIRST)[0];
    const b = rnd.pick(GOOD_SECOND)[0];
    const zh = `江苏${a}${b}${rnd.pick(UNIT_KIND)[0]}有限公司`;
    if (used.has(zh) || a === b) continue;
    used.add(zh);
    out.push(zh + '党支部');
  }
  return out;
}
