// Numbers as the report writes them: counts with separators, shares as percentages to two
// decimals (76.25 %), the concentrated-residence rate to one (69.6 %).
export const formatCount = (n: number, locale: string) => new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en').format(n);
export const formatShare = (share: number | null, digits = 2) => (share === null ? '—' : `${(share * 100).toFixed(digits)}%`);
