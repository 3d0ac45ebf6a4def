// What residents ask for: the centres' service items, each with its one Chinese and English name
// and the deadlines it is answered by. The form, the lead's list, the figures and the workbook
// all name a category from here; a deployment may change the hours (GRIDMAP_REQUEST_DEADLINES).

export const REQUEST_CATEGORIES = ['repair', 'employment', 'legal', 'mediation', 'party_transfer', 'elderly', 'sanitation', 'other'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];
export const isRequestCategory = (s: unknown): s is RequestCategory => (REQUEST_CATEGORIES as readonly unknown[]).includes(s);

export const REQUEST_CATEGORY_NAMES: Record<RequestCategory, { zh: string; en: string }> = {
  repair: { zh: '水电维修', en: 'Water & power repairs' },
  employment: { zh: '就业援助', en: 'Employment help' },
  legal: { zh: '法律咨询', en: 'Legal advice' },
  mediation: { zh: '民事调解', en: 'Dispute mediation' },
  party_transfer: { zh: '组织关系接转', en: 'Party membership transfer' },
  elderly: { zh: '养老', en: 'Elderly care' },
  sanitation: { zh: '环境卫生', en: 'Environment & sanitation' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * Hours after filing by which a request must have an answer (`respond`), be closed (`close`),
 * and past which an open one goes up to the town (`town`). Missing the first two sends it up to
 * the community. Burst pipes and an old person alone cannot wait days; a legal question can.
 */
export interface Deadlines {
  respond: number;
  close: number;
  town: number;
}

export const DEFAULT_DEADLINES: Record<RequestCategory, Deadlines> = {
  repair: { respond: 4, close: 48, town: 96 },
  employment: { respond: 24, close: 168, town: 336 },
  legal: { respond: 24, close: 120, town: 240 },
  mediation: { respond: 24, close: 168, town: 336 },
  party_transfer: { respond: 24, close: 120, town: 240 },
  elderly: { respond: 8, close: 72, town: 144 },
  sanitation: { respond: 8, close: 48, town: 96 },
  other: { respond: 24, close: 168, town: 336 },
};

/** The response must come before the closing, and the closing before the town is told. */
export const deadlinesInOrder = (d: Deadlines): boolean => d.respond > 0 && d.respond <= d.close && d.close < d.town;
