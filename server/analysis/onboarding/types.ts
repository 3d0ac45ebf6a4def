// What reading a county's file gives: a table (a sheet of rows under a header) or features
// (a GIS layer's geometries with their attributes), both with the columns the mapping chooses
// from; and what the records made from them are.
import type { MultiPolygon, Point, Polygon } from 'geojson';
import type { MessageCode, MessageParams } from '../../domain/messages';
import type { RawFeature } from '../areas-io/raw';
import type { SourceCrs } from '../areas-io/projections';
import type { CellValue } from './cells';
import type { ProblemPlace } from '../geometry-check';

export type { RawFeature } from '../areas-io/raw';

export interface Column {
  /** Into TableRow.cells; for features, the position of the property among the keys. */
  index: number;
  /** Unique within the source: two-row headers as "基本情况/户数", a column without one as "第N列". */
  header: string;
  /** The first five non-empty values, normalised. */
  samples: string[];
}

export interface TableRow {
  /** The sheet's own row number (1-based), as the office sees it in Excel. */
  line: number;
  /** Normalised text, one per column index; a cell of a merged range holds the range's text. */
  cells: string[];
}

export type SkipReason = 'title' | 'blank' | 'note' | 'total' | 'repeated_header';

export interface TableSource {
  kind: 'table';
  /** The sheet read (a CSV's file name). */
  sheet: string;
  sheets: string[];
  /** The row or rows holding the column names. */
  headerLines: number[];
  columns: Column[];
  rows: TableRow[];
  skipped: { line: number; reason: SkipReason }[];
  /** A CSV's text encoding. */
  encoding?: string;
}

export interface FeaturesSource {
  kind: 'features';
  features: RawFeature[];
  columns: Column[];
  /** The system the file names (.prj, GeoJSON "crs", KML's WGS84). */
  declared?: SourceCrs;
  /** A shapefile without .prj: the user must choose or confirm a system. */
  undeclared?: boolean;
  encoding?: string;
}

export type Source = TableSource | FeaturesSource;

/** Field name → the column header it is read from (null: none). */
export type Mapping = Record<string, string | null>;

export interface LayerRecord {
  /** The sheet row or the feature's number (from 1). */
  line: number;
  /** Every field of the layer; null where the file says nothing. */
  values: Record<string, CellValue | null>;
  /** In WGS84: the boundary of a polygon layer, the place of a point layer. */
  geometry: Point | Polygon | MultiPolygon | null;
  /** A place given as its outline (a building's footprint): the outline, while `geometry` is a point inside it. */
  footprint?: Polygon | MultiPolygon;
}

export interface RecordProblem {
  line: number;
  field?: string;
  /** With `row` or `feature`, `field`/`fieldEn` and `value` among the params, so the sentence says where. */
  code: MessageCode;
  params: MessageParams;
  severity: 'error' | 'warning';
  /** Where in the geometry, for a geometry problem. */
  where?: ProblemPlace;
}
