/** 13812341234 → 138****1234: enough for a resident to recognise, not to dial. */
export function maskPhone(phone: string): string {
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
