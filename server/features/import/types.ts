// What the import puts on the wire: an import (draft → committed → undone), each layer's file
// as read (its columns, the suggested mapping, the coordinate system), the report of a check
// (problems, the diff, totals per town) and a commit's summary. The wizard and the CLI read these.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { ImportLayer } from '../../domain/layers';
import type { Problem } from '../../domain/problems';

export type ImportStatus = 'draft' | 'committed' | 'undone' | 'discarded';

/** A layer is replaced whole (units missing from the file are removed) or merged (only added and changed). */
export type LayerMode = 'replace' | 'merge';

/** Field name → the file's column (header) that holds it, or null for none. */
export type Mapping = Record<string, string | null>;

export interface ColumnInfo {
  header: string;
  samples: string[];
}

export interface FieldChoice {
  column: string | null;
  confidence: 'sure' | 'guess' | 'none';
  candidates: string[];
}

/** What the file's numbers say about its coordinate system. */
export type CrsStatus = 'declared' | 'detected' | 'ambiguous' | 'chosen' | 'none';

export interface LayerCrs {
  status: CrsStatus;
  /** The system used (EPSG code or GCJ-02 / BD-09), once known. */
  used: string | null;
  /** Why it was detected, or what is ambiguous, in both languages. */
  reason?: { message: string; messageEn: string };
  /** The systems to choose from when ambiguous, the one that fits the region first. */
  candidates: string[];
  suggested?: string;
}

/** One layer of an import as it stands. */
export interface ImportLayerState {
  layer: ImportLayer;
  file: string;
  format: 'shapefile' | 'geojson' | 'kml' | 'xlsx' | 'csv';
  sheet?: string;
  sheets?: string[];
  /** Lines above the header and rows that are not data, with why. */
  skipped: Array<{ line: number; reason: string }>;
  columns: ColumnInfo[];
  fields: Record<string, FieldChoice>;
  mapping: Mapping;
  /** Required fields the user must still choose a column for. */
  unsure: string[];
  crs: LayerCrs;
  mode: LayerMode;
  /** Rows read with the mapping (null before the mapping is complete). */
  rows: number | null;
  /** Problems of single rows (values that do not parse, required fields empty, places outside the region): how many, and the first ones. */
  rowProblems: number;
  /** How many of them are errors (the rest are warnings). */
  rowErrors: number;
  problems: ImportProblem[];
  /** The first rows as read with the mapping, for the user to see that the columns are right. */
  preview: Array<{ line: number; values: Record<string, unknown> }>;
}

export interface ImportProblem extends Problem {
  layer: ImportLayer;
  /** The row's line in the sheet or the feature's number in the file. */
  row?: number;
  /** The unit's code (id) concerned. */
  id?: string;
}

export interface LayerDiff {
  rows: number;
  added: number;
  changed: number;
  removed: number;
}

/** A table of the city as the import would leave it, against what it is now. */
export interface TableDiff {
  table: string;
  added: string[];
  changed: string[];
  removed: string[];
}

export interface TownTotals {
  id: string;
  name: string;
  communities: number;
  villages: number;
  areas: number;
  buildings: number;
  households: number;
  population: number;
  partyMembers: number;
  centres: number;
  organisations: number;
}

export interface ImportReport {
  checkedAt: string;
  /** The city's state when checked (city/signature.ts): a commit after it moved on is 409. */
  signature: string;
  ok: boolean;
  errors: number;
  warnings: number;
  problems: ImportProblem[];
  /** Per layer of the import: rows read and the units added, changed and removed. */
  layers: Partial<Record<ImportLayer, LayerDiff>>;
  /** Per table, including those that follow (estates, organisations of areas and groups). */
  tables: Array<{ table: string; added: number; changed: number; removed: number }>;
  towns: TownTotals[];
  /** Problems beyond this many are counted, not listed. */
  truncated: number;
}

export interface ImportState {
  id: string;
  region: string;
  status: ImportStatus;
  version: number;
  createdBy: string;
  createdAt: string;
  committedAt: string | null;
  undoneAt: string | null;
  layers: Partial<Record<ImportLayer, ImportLayerState>>;
  report: ImportReport | null;
  summary: Partial<Record<ImportLayer, LayerDiff>> | null;
  /** Whether undo would still restore the city exactly (nothing it wrote was edited since). */
  undoable: boolean;
}

export interface ImportListItem {
  id: string;
  status: ImportStatus;
  version: number;
  createdBy: string;
  createdAt: string;
  committedAt: string | null;
  undoneAt: string | null;
  layers: ImportLayer[];
  summary: Partial<Record<ImportLayer, LayerDiff>> | null;
}

/** One staged row for the preview map: its line in the file, name, code and the worst problem the last check found on it. */
export type PreviewFeature = Feature<Geometry, { line: number; name: string; code: string | null; severity: 'error' | 'warning' | null }>;

/** A layer's staged rows for the preview map; `truncated` when there were more than the preview draws. */
export interface PreviewCollection extends FeatureCollection<Geometry, PreviewFeature['properties']> {
  truncated: boolean;
}
