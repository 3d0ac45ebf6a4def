// How personal data is shown to someone who may not see it in full: an area lead's phone on a
// leader's map, a resident's name and phone on a request outside its lead and community.
// Enough to recognise, not to call or to find.

/** 13812341234 → 138****1234. */
export function maskPhone(phone: string): string {
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 张三丰 → 张**, Li Wei → L*****: the surname's first character stays, every other is hidden. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (!chars.length) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
