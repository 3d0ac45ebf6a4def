// Pairings (结对共建) for the coverage map. The answer is the server's own type (types only).
import type { PairingKind } from '../../../server/features/pairings/schema';
import type { PairedCommunity, PairingArc, Pairings } from '../../../server/features/pairings/service';
import { ApiError } from '../../shared/api/client';

export type { PairedCommunity, PairingArc, PairingKind, Pairings };

/** The kinds, in the order the legend lists them (the server's `PAIRING_KINDS`). */
export const PAIRING_KIND_LIST: readonly PairingKind[] = ['agency', 'unit', 'urban_community'];

export async function fetchPairings(kinds: readonly PairingKind[], town: string | null, signal?: AbortSignal): Promise<Pairings> {
  const params = new URLSearchParams({ kinds: kinds.join(',') });
  if (town) params.set('town', town);
  const res = await fetch(`/api/pairings?${params}`, { signal, headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as Pairings & { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `${res.status} ${res.statusText}`);
  return body;
}
