// The sentences of residents' requests (社情民意), the visit diary and the area lead's account,
// by code. Joined into the one catalogue in messages.ts.
import { REQUEST_STATUS_NAMES, type RequestStatus } from './requests';
import type { Catalogue, MessageParams } from './sentence';

const list = (v: unknown, separator = ', '): string => (Array.isArray(v) ? v.join(separator) : String(v ?? ''));
const statusZh = (p: MessageParams) => REQUEST_STATUS_NAMES[p.status as RequestStatus]?.zh ?? String(p.status);

const STEP_ZH: Record<string, string> = {
  accept: '接收',
  reply: '答复',
  note: '记录处理情况',
  close: '办结',
  assign: '派单',
  reopen: '重新办理',
  rate: '评价',
};

export const REQUEST_MESSAGES = {
  /** A step the request's status does not allow: the ticket `id`, its `status` now and the `step`. */
  request_status: {
    zh: (p) => `诉求“${p.id}”现为“${statusZh(p)}”，不能${STEP_ZH[String(p.step)] ?? p.step}；请刷新后再看`,
    en: (p) => `request ${p.id} is ${p.status}: it cannot take the step "${p.step}"; reload it`,
  },
  /** A step given the wrong fields: the `step`, the `field` (text | areaId), and whether it is `wanted` or must be left out. */
  request_step_fields: {
    zh: (p) => `“${STEP_ZH[String(p.step)] ?? p.step}”${p.wanted ? '须填写' : '不填写'}${p.field === 'areaId' ? '片区' : '内容'}`,
    en: (p) => `the step "${p.step}" ${p.wanted ? 'needs' : 'takes no'} ${p.field}`,
  },
  /** The closing was already rated (`id`). */
  request_rated: {
    zh: (p) => `诉求“${p.id}”这次办结已经评价过了，谢谢您`,
    en: (p) => `request ${p.id} has been rated for this closing already`,
  },
  request_needs_place: {
    zh: () => '请填写地址（小区或村名 + 楼号），或用“我的位置”定位，诉求才能送到负责的片区',
    en: () => 'give an address or a location (address or location), so the request reaches its area',
  },
  /** A pin no contracted area holds: `location` [lng, lat]. */
  request_outside_areas: {
    zh: (p) => `这个位置 [${list(p.location)}] 不在本市任何片区内：请检查定位，或改为填写地址`,
    en: (p) => `the location [${list(p.location)}] lies in no contracted area of the city: check it, or give the address instead`,
  },
  request_markup: {
    zh: () => '内容中不能含有网页代码（如 <script>），请只写文字',
    en: () => 'no markup (such as <script>): plain text only',
  },
  request_phone_needs_consent: {
    zh: () => '留下电话须勾选同意：电话只给负责的片区负责人和社区工作人员联系您用',
    en: () => 'a phone number needs consent: tick it, or leave the phone out',
  },
  /** `below`: the rating under which a request may be reopened. */
  request_reopen_rating: {
    zh: (p) => `只有评价低于 ${p.below} 星（不满意）时才能要求重新办理`,
    en: (p) => `a request can be reopened only with a rating below ${p.below}`,
  },
  /** Per-address filing limit: `limit` an hour, `seconds` to wait. */
  rate_requests: {
    zh: (p) => `本机地址提交的诉求过多（每小时上限 ${p.limit} 条），请 ${p.seconds} 秒后再试，或拨打服务热线`,
    en: (p) => `too many requests filed from your address (limit ${p.limit} an hour); try again in ${p.seconds} s or call the hotline`,
  },
  /** A visit dated after today (`date`). */
  visit_in_future: {
    zh: (p) => `走访日期 ${p.date} 还没到：请填写已经走访的日期`,
    en: (p) => `the visit date ${p.date} is in the future`,
  },
  /** The visit's follow-up became request `request` already. */
  visit_converted: {
    zh: (p) => `这条走访记录的后续事项已转为诉求“${p.request}”`,
    en: (p) => `this visit's follow-up is request ${p.request} already`,
  },
  /** `areas`: ids that are not contracted areas of this city. */
  unknown_areas: { zh: (p) => `没有这些片区：${list(p.areas)}`, en: (p) => `unknown contracted area(s): ${list(p.areas)}` },
  lead_needs_areas: { zh: () => '片区负责人须至少负责一个片区（areas）', en: () => 'an area lead needs areas' },
  /** GRIDMAP_REQUEST_DEADLINES is wrong: `detail` says where. */
  config_request_deadlines: {
    zh: (p) => `环境变量 GRIDMAP_REQUEST_DEADLINES 不可用（${p.detail}）：须为 JSON，如 {"repair":{"respond":4,"close":48,"town":96}}，小时数依次增大。请改正后重新启动`,
    en: (p) => `GRIDMAP_REQUEST_DEADLINES is not usable (${p.detail}): JSON such as {"repair":{"respond":4,"close":48,"town":96}}, hours rising`,
  },
} satisfies Catalogue;
