// What a viewer may see of a look-up answer: the lead's phone follows the same rule as the
// unit panel (the domain's leadPhoneAccess): staff see it, admins and in-town planners may reveal it.
import { leadPhoneAccess } from '../../domain/jurisdiction';
import type { AuthUser } from '../auth/service';
import { maskPhone } from '../../domain/masking';
import type { LookupResult } from './types';

export function forViewer(result: LookupResult, viewer: AuthUser | undefined): LookupResult {
  const access = leadPhoneAccess(viewer, result.town.id);
  if (access === 'full') return { ...result, lead: { name: result.lead.name, phone: result.lead.phone } };
  return {
    ...result,
    lead: { name: result.lead.name, phone: maskPhone(result.lead.phone), phoneRevealable: access === 'revealable' },
  };
}
