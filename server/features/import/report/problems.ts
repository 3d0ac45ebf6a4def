// The problems a check finds, as the report lists them: each with its layer, row or unit, a
// catalogue code and both sentences, and where it is on the map. A check may find thousands
// (a whole layer in the wrong coordinate system): the first MAX_LISTED are listed, the rest
// counted, errors before warnings.
import type { Geometry } from 'geojson';
import type { ImportLayer } from '../../../domain/layers';
import type { MessageCode, MessageParams } from '../../../domain/messages';
import { problem } from '../../../http/errors';
import type { ImportProblem } from '../types';

export const MAX_LISTED = 2000;

export interface Found {
  layer: ImportLayer;
  code: MessageCode;
  params?: MessageParams;
  severity?: 'error' | 'warning';
  row?: number | null;
  id?: string | null;
  /** GeoJSON text, as ST_AsGeoJSON gives it. */
  geometry?: string | null;
  location?: [number, number] | null;
}

export class Problems {
  private readonly found: ImportProblem[] = [];
  /** Problems counted where they were found but not kept for listing (a layer's thousandth bad row). */
  private unlisted = { errors: 0, warnings: 0 };

  add(f: Found): void {
    const located = f.geometry ? (JSON.parse(f.geometry) as Geometry) : undefined;
    const location = f.location ?? (located?.type === 'Point' ? (located.coordinates.slice(0, 2) as [number, number]) : undefined);
    this.found.push({
      ...problem({
        code: f.code,
        params: f.params ?? {},
        severity: f.severity ?? 'error',
        ...(f.id ? { ids: [f.id] } : {}),
        ...(located && located.type !== 'Point' ? { geometry: located } : {}),
        ...(location ? { location } : {}),
      }),
      layer: f.layer,
      ...(f.row ? { row: f.row } : {}),
      ...(f.id ? { id: f.id } : {}),
    });
  }

  /** A problem already in its final shape (found while reading the files). */
  push(p: ImportProblem): void {
    this.found.push(p);
  }

  countUnlisted(errors: number, warnings: number): void {
    this.unlisted = { errors: this.unlisted.errors + errors, warnings: this.unlisted.warnings + warnings };
  }

  get errors(): number {
    return this.found.filter((p) => p.severity === 'error').length + this.unlisted.errors;
  }

  get warnings(): number {
    return this.found.filter((p) => p.severity === 'warning').length + this.unlisted.warnings;
  }

  /** Errors first, then by layer and row; at most MAX_LISTED. */
  listed(): { problems: ImportProblem[]; truncated: number } {
    const sorted = [...this.found].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.layer.localeCompare(b.layer) || (a.row ?? 0) - (b.row ?? 0));
    return { problems: sorted.slice(0, MAX_LISTED), truncated: Math.max(0, sorted.length - MAX_LISTED) + this.unlisted.errors + this.unlisted.warnings };
  }
}
