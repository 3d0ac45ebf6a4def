// How a card says a distance: rounded to what a walker can use (tens of metres, then tenths of a kilometre).
export function formatDistance(metres: number, words: { metres: string; kilometres: string }): string {
  const tens = Math.max(10, Math.round(metres / 10) * 10);
  if (tens < 1000) return words.metres.replace('{n}', String(tens));
  return words.kilometres.replace('{n}', (Math.round(metres / 100) / 10).toString());
}
