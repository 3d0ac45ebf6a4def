// A layer's column mapping as the wizard shows and edits it: every field of the layer with the
// file's column chosen for it (the server's suggestion unless the admin changed it), how sure
// the suggestion is, and which required fields still have no column. Only what the admin
// changed is sent; the server keeps its suggestion for the rest.
import { LAYER_SPECS, type FieldType } from '../../../server/domain/layers';
import type { FieldChoice, ImportLayerState, Mapping } from '../../../server/features/import/types';

export interface FieldRow {
  name: string;
  zh: string;
  en: string;
  type: FieldType;
  required: boolean;
  column: string | null;
  confidence: FieldChoice['confidence'];
  /** A required field the server could not map surely, still without a column: the admin must choose. */
  unsure: boolean;
}

/** Fields that give a table its places: a feature file has its own geometry. */
const PLACE_TYPES: readonly FieldType[] = ['lng', 'lat', 'x', 'y'];
const isTable = (layer: ImportLayerState) => layer.format === 'xlsx' || layer.format === 'csv';

export function fieldRows(layer: ImportLayerState, edits: Mapping = {}): FieldRow[] {
  return LAYER_SPECS[layer.layer].fields
    .filter((f) => isTable(layer) || !PLACE_TYPES.includes(f.type))
    .map((f) => {
      const column = f.name in edits ? (edits[f.name] ?? null) : (layer.mapping[f.name] ?? null);
      return {
        name: f.name,
        zh: f.zh,
        en: f.en,
        type: f.type,
        required: !!f.required,
        column,
        confidence: layer.fields[f.name]?.confidence ?? 'none',
        unsure: layer.unsure.includes(f.name) && !column,
      };
    });
}

/** Required fields without a column: the rows cannot be read until each has one. */
export const missingFields = (rows: readonly FieldRow[]): FieldRow[] => rows.filter((r) => r.required && !r.column);

/** The edits that differ from the mapping the server holds. */
export function mappingChanges(layer: ImportLayerState, edits: Mapping): Mapping {
  return Object.fromEntries(Object.entries(edits).filter(([field, column]) => (layer.mapping[field] ?? null) !== (column ?? null)));
}

/** For the file's columns: the fields each is read as (a column may serve two, or none). */
export function fieldsByColumn(rows: readonly FieldRow[]): Map<string, FieldRow[]> {
  const out = new Map<string, FieldRow[]>();
  for (const r of rows) if (r.column) out.set(r.column, [...(out.get(r.column) ?? []), r]);
  return out;
}

/** The sample rows of the file, one array of cells per line, as many as the columns have. */
export function sampleRows(layer: ImportLayerState): string[][] {
  const depth = Math.max(0, ...layer.columns.map((c) => c.samples.length));
  return Array.from({ length: depth }, (_, i) => layer.columns.map((c) => c.samples[i] ?? ''));
}
