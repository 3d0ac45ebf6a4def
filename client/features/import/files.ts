// Which layer each chosen file is for. A file named by its layer, the way the CLI reads a
// folder (towns.zip, village-communities.xlsx) or by the layer's Chinese name (楼栋.geojson),
// goes to that layer; any other file goes to the layer the admin chose, one file at a time.
import { IMPORT_LAYERS, LAYER_SPECS, type ImportLayer } from '../../../server/domain/layers';

/** The formats the import reads (a shapefile comes zipped with its .dbf, .prj and .cpg). */
export const FILE_TYPES = ['.zip', '.geojson', '.json', '.kml', '.xlsx', '.csv'] as const;

export const readableFile = (name: string): boolean => FILE_TYPES.some((ext) => name.toLowerCase().endsWith(ext));

/** A layer's Chinese name without its bracketed note: 行政村（撤并前） → 行政村. */
const plainName = (layer: ImportLayer) => LAYER_SPECS[layer].zh.replace(/（[^）]*）/g, '').trim();

/** The layer a file's own name says, if any. */
export function layerNamedBy(fileName: string): ImportLayer | undefined {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '').trim().toLowerCase();
  return IMPORT_LAYERS.find((layer) => layer === stem || plainName(layer) === stem);
}

export interface FileAssignment<F extends { name: string }> {
  assigned: Array<{ file: F; layer: ImportLayer }>;
  /** Files the import cannot read (by their extension). */
  unreadable: string[];
  /** Files whose layer is neither in their name nor, for a single file, chosen. */
  unassigned: string[];
  /** Layers two of the files are for: the later one would replace the earlier. */
  twice: ImportLayer[];
}

/** Pairs files with layers: by name first; a single file otherwise takes the chosen layer. */
export function assignFiles<F extends { name: string }>(files: readonly F[], chosen: ImportLayer | null): FileAssignment<F> {
  const out: FileAssignment<F> = { assigned: [], unreadable: [], unassigned: [], twice: [] };
  for (const file of files) {
    if (!readableFile(file.name)) {
      out.unreadable.push(file.name);
      continue;
    }
    const layer = layerNamedBy(file.name) ?? (files.length === 1 ? chosen : null);
    if (!layer) out.unassigned.push(file.name);
    else if (out.assigned.some((a) => a.layer === layer)) out.twice.push(layer);
    else out.assigned.push({ file, layer });
  }
  return out;
}
