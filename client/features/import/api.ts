// The import's requests (docs/api.md, "Import"): drafts, a layer's file sent with its upload's
// progress, the mapping, check, commit, undo, discard, the preview of a staged layer and the
// exports. Every step carries the version the page started from and answers as a WriteOutcome.
import type { ImportLayer } from '../../../server/domain/layers';
import type { ImportListItem, ImportState, LayerMode, Mapping, PreviewCollection } from '../../../server/features/import/types';
import { ApiError, requestJson, requestVersioned, type ErrorBody, type WriteOutcome } from '../../shared/api/client';

export type { ImportListItem, ImportState, PreviewCollection };
export type StepOutcome = WriteOutcome<ImportState>;

const importUrl = (id: string) => `/api/imports/${encodeURIComponent(id)}`;
const layerUrl = (id: string, layer: ImportLayer) => `${importUrl(id)}/layers/${layer}`;

export const listImports = async (): Promise<ImportListItem[]> => (await requestJson<{ imports: ImportListItem[] }>('GET', '/api/imports')).imports;
export const createImport = (): Promise<StepOutcome> => requestVersioned('POST', '/api/imports');
export const fetchImport = (id: string): Promise<ImportState> => requestJson('GET', importUrl(id));
export const fetchPreview = (id: string, layer: ImportLayer): Promise<PreviewCollection> => requestJson('GET', `${importUrl(id)}/preview/${layer}`);

export interface MappingChoice {
  mapping?: Mapping;
  crs?: string;
  mode?: LayerMode;
  sheet?: string;
}

export const mapLayer = (id: string, layer: ImportLayer, version: number, choice: MappingChoice): Promise<StepOutcome> =>
  requestVersioned('POST', `${layerUrl(id, layer)}/mapping`, { version, ...choice });
export const dropLayer = (id: string, layer: ImportLayer, version: number): Promise<StepOutcome> =>
  requestVersioned('DELETE', `${layerUrl(id, layer)}?version=${version}`);
export const checkImport = (id: string, version: number): Promise<StepOutcome> => requestVersioned('POST', `${importUrl(id)}/check`, { version });
export const commitImport = (id: string, version: number, acceptWarnings: boolean): Promise<StepOutcome> =>
  requestVersioned('POST', `${importUrl(id)}/commit`, { version, ...(acceptWarnings ? { acceptWarnings } : {}) });
export const undoImport = (id: string, version: number): Promise<StepOutcome> => requestVersioned('POST', `${importUrl(id)}/undo`, { version });
export const discardImport = (id: string, version: number): Promise<StepOutcome> => requestVersioned('POST', `${importUrl(id)}/discard`, { version });

export type ExportFormat = 'xlsx' | 'geojson' | 'shapefile' | 'kml';
export const exportUrl = (layer: ImportLayer, format: ExportFormat) => `/api/export/${layer}?format=${format}`;

export interface UploadProgress {
  /** Bytes sent so far and in all (once the browser knows). */
  sent: number;
  total?: number;
  /** Every byte is sent; the server is reading the file. */
  done: boolean;
}

/**
 * Sends a layer's file as the request body. XMLHttpRequest, not fetch: only it reports the
 * upload's progress, which a county's 200 MB buildings file needs.
 */
export function uploadLayer(id: string, layer: ImportLayer, version: number, file: File, onProgress: (p: UploadProgress) => void, sheet?: string): Promise<StepOutcome> {
  const query = new URLSearchParams({ version: String(version), name: file.name, ...(sheet ? { sheet } : {}) });
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `${layerUrl(id, layer)}?${query}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress({ sent: e.loaded, total: e.lengthComputable ? e.total : file.size, done: false });
    xhr.upload.onload = () => onProgress({ sent: file.size, total: file.size, done: true });
    xhr.onerror = () => resolve({ kind: 'failed', error: new ApiError(0, 'network error') });
    xhr.onload = () => resolve(outcomeOf(xhr.status, xhr.statusText, xhr.responseText));
    xhr.send(file);
  });
}

/** The same reading of an answer as requestVersioned, for a body XMLHttpRequest received. */
export function outcomeOf(status: number, statusText: string, text: string): StepOutcome {
  let body: ErrorBody & Record<string, unknown> = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // a proxy's error page: the status says enough
  }
  if (status >= 200 && status < 300) return { kind: 'saved', result: body as unknown as ImportState };
  const error = new ApiError(status, body.errorEn ?? body.error ?? `${status} ${statusText}`, body.details, undefined, body);
  if (status === 409) return { kind: 'conflict', current: (body.current ?? null) as ImportState | null, error };
  if (status === 422) return { kind: 'refused', problems: body.problems ?? [], error };
  return { kind: 'failed', error };
}
