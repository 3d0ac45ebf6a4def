// A new request's ticket: random, in the domain's alphabet. Collisions are left to the primary
// key (the insert retries), not checked first, so two filings at once cannot take one ticket.
import { randomBytes } from 'node:crypto';
import { TICKET_LENGTH, ticketFrom } from '../../domain/requests';

// 256 is not a multiple of the alphabet's 30, so a byte is kept only below 240 (8 × 30): every
// character stays equally likely.
const FAIR = 240;

export function newTicket(): string {
  const picked: number[] = [];
  while (picked.length < TICKET_LENGTH) {
    for (const b of randomBytes(TICKET_LENGTH * 2)) if (b < FAIR && picked.length < TICKET_LENGTH) picked.push(b);
  }
  return ticketFrom(picked);
}
