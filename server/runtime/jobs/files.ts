// Reading the files people upload, and writing a layer's file for export, as worker jobs: a zip,
// a shapefile, a workbook or a long CSV costs seconds that must not stop everyone else's
// requests. A refusal (FileProblem) crosses back whole (runtime/failure.ts).
import { toAreaFeatures, type Preview } from '../../analysis/areas-io/features';
import { readGeoJson } from '../../analysis/areas-io/geojson-file';
import { readKml } from '../../analysis/areas-io/kml-file';
import type { SourceCrs } from '../../analysis/areas-io/projections';
import { readShapefileZip } from '../../analysis/areas-io/shapefile-zip';
import { readSource } from '../../analysis/onboarding/source';
import type { Source } from '../../analysis/onboarding/types';
import { writeLayer, type ExportFormat, type LayerRow } from '../../analysis/layer-export';
import { LAYER_SPECS, type ImportLayer } from '../../domain/layers';

export interface AreasFile {
  format: 'geojson' | 'shapefile' | 'kml';
  bytes: Uint8Array;
  chosen?: SourceCrs;
}

/** A community's areas file (the plan import) as WGS84 areas. */
export async function readAreasFile({ format, bytes, chosen }: AreasFile): Promise<Preview> {
  const raw = format === 'geojson' ? readGeoJson(bytes) : format === 'kml' ? readKml(bytes) : await readShapefileZip(bytes);
  return toAreaFeatures(raw, chosen);
}

export interface LayerFileInput {
  layer: ImportLayer;
  file: { name: string; bytes: Uint8Array };
  sheet?: string;
  maxRows: number;
}

/** A layer's file of a city's import, as a table or features. */
export function readLayerFile({ layer, file, sheet, maxRows }: LayerFileInput): Promise<Source> {
  return readSource(file, { spec: LAYER_SPECS[layer], maxRows, ...(sheet === undefined ? {} : { sheet }) });
}

export interface LayerExportInput {
  layer: ImportLayer;
  rows: LayerRow[];
  format: ExportFormat;
}

/** A layer's rows as the county's file (or 'no_places' for a placeless layer asked as a map format). */
export const writeLayerFile = ({ layer, rows, format }: LayerExportInput) => writeLayer(LAYER_SPECS[layer], rows, format, layer);
