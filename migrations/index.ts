// The ordered list of migrations. Listed statically (not read from the folder) so the same
// code runs under tsx, vitest and a bundler without a TypeScript-aware module loader.
import type { Knex } from 'knex';
import * as gridSchema from './001_grid_schema';
import * as accounts from './002_accounts';
import * as history from './003_history';
import * as journal from './004_journal';
import * as lookup from './005_lookup';
import * as scenarios from './006_scenarios';
import * as pairingPlaces from './007_pairing_places';
import * as imports from './008_imports';
import * as registers from './009_registers';
import * as requests from './010_requests';
import * as lookupInMemory from './011_lookup_in_memory';
import * as sharedState from './013_shared_state';
import * as dataChanges from './014_data_changes';
import * as accountChanges from './015_account_changes';

export const migrations: Array<[string, Knex.Migration]> = [
  ['001_grid_schema', gridSchema],
  ['002_accounts', accounts],
  ['003_history', history],
  ['004_journal', journal],
  ['005_lookup', lookup],
  ['006_scenarios', scenarios],
  ['007_pairing_places', pairingPlaces],
  ['008_imports', imports],
  ['009_registers', registers],
  ['010_requests', requests],
  ['011_lookup_in_memory', lookupInMemory],
  ['013_shared_state', sharedState],
  ['014_data_changes', dataChanges],
  ['015_account_changes', accountChanges],
];
