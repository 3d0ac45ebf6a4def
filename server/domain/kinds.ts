// Kinds of community and of service centre, each with its one Chinese and English name.
// The names are the report's words; every page, card, export and chart uses these.
import type { Locale } from './sentence';

type Names<K extends string> = Record<K, { zh: string; en: string }>;

/** One language's column of a names table, as the page's dictionaries hold it. */
export const namesIn = <K extends string>(names: Names<K>, locale: Locale): Record<K, string> =>
  Object.fromEntries(Object.entries<{ zh: string; en: string }>(names).map(([k, n]) => [k, n[locale]])) as Record<K, string>;

export const COMMUNITY_KINDS = ['rural', 'village_residence', 'township', 'urban'] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];

/** 村居合一 communities are rural too; 乡镇社区 are urban too (the report counts them so). */
export const RURAL_KINDS: readonly CommunityKind[] = ['rural', 'village_residence'];
export const URBAN_KINDS: readonly CommunityKind[] = COMMUNITY_KINDS.filter((k) => !RURAL_KINDS.includes(k));
export const isRural = (kind: CommunityKind): boolean => RURAL_KINDS.includes(kind);

export const COMMUNITY_KIND_NAMES: Names<CommunityKind> = {
  rural: { zh: '农村社区', en: 'Rural community' },
  village_residence: { zh: '村居合一社区', en: 'Village-residence community' },
  township: { zh: '乡镇社区', en: 'Township community' },
  urban: { zh: '城市社区', en: 'Urban community' },
};

export const CENTRE_KINDS = ['party_service', 'convenience', 'labour'] as const;
export type CentreKind = (typeof CENTRE_KINDS)[number];

export const CENTRE_KIND_NAMES: Names<CentreKind> = {
  party_service: { zh: '党员人才服务中心', en: 'Party member & talent service centre' },
  convenience: { zh: '便民服务中心', en: 'Convenience service centre' },
  labour: { zh: '劳动保障服务站', en: 'Labour security station' },
};

/**
 * A centre's name with its kind, unless the name already says it ("沿江社区党员人才服务中心"
 * needs no "· 党员人才服务中心"; in English the kind is always added, the name being Chinese).
 */
export const centreLabel = (name: string, kind: CentreKind, locale: Locale): string => {
  const kindName = CENTRE_KIND_NAMES[kind][locale];
  return name.endsWith(kindName) ? name : `${name} · ${kindName}`;
};

/** A centre of at least this floor area (m²) is a large one in the report's figures. */
export const LARGE_CENTRE_M2 = 1000;

/** A centre's usual service radius (m) by kind, for a roster that leaves it blank: a walk for a hall, a town for a labour station. */
export const DEFAULT_RADIUS_M: Record<CentreKind, number> = { party_service: 1000, convenience: 400, labour: 3000 };
