// What every reader hands on: the file's features as they were (coordinates untouched) and
// the coordinate system the file itself declares, if it declares one.
import type { GeoJsonProperties } from 'geojson';
import type { SourceCrs } from './projections';

export interface RawFeature {
  properties: GeoJsonProperties;
  /** Unchecked: whatever geometry the file held (or null). */
  geometry: unknown;
}

export interface RawFile {
  features: RawFeature[];
  declared?: SourceCrs;
  /** The file says nothing about its system and the format has no default (a shapefile without .prj). */
  undeclared?: boolean;
  /** The text encoding of the names, where the format lets it vary (.dbf). */
  encoding?: string;
}

/** More features than any community has areas: a whole city's layer sent by mistake. */
export const MAX_FEATURES = 500;
