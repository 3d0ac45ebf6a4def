// The export's attribute names. GeoJSON and KML carry the metric names as they are; a .dbf
// field name has at most 10 characters, so the shapefile uses these (also in
// docs/ARCHITECTURE.md). The import finds names again under NAME and NAME_EN.
import type { DbfField } from '../../analysis/areas-io/shapefile-write';
import type { AreaMetrics } from './metrics';

export const DBF_FIELDS: { metric: keyof AreaMetrics; field: DbfField }[] = [
  { metric: 'id', field: { name: 'ID', type: 'C', length: 64 } },
  { metric: 'name', field: { name: 'NAME', type: 'C', length: 254 } },
  { metric: 'nameEn', field: { name: 'NAME_EN', type: 'C', length: 254 } },
  { metric: 'lead', field: { name: 'LEAD', type: 'C', length: 100 } },
  { metric: 'landM2', field: { name: 'LAND_M2', type: 'N', length: 16, decimals: 1 } },
  { metric: 'buildings', field: { name: 'BUILDINGS', type: 'N', length: 10, decimals: 0 } },
  { metric: 'households', field: { name: 'HOUSEHOLDS', type: 'N', length: 10, decimals: 0 } },
  { metric: 'population', field: { name: 'POPULATION', type: 'N', length: 10, decimals: 0 } },
  { metric: 'partyMembers', field: { name: 'PARTY_MEMB', type: 'N', length: 10, decimals: 0 } },
  { metric: 'deviationPct', field: { name: 'DEV_PCT', type: 'N', length: 10, decimals: 2 } },
  { metric: 'polsbyPopper', field: { name: 'POLSBY_PP', type: 'N', length: 8, decimals: 4 } },
  { metric: 'contiguous', field: { name: 'CONTIGUOUS', type: 'L' } },
  { metric: 'version', field: { name: 'VERSION', type: 'N', length: 10, decimals: 0 } },
];
