// A batch look-up's uploaded list read on a worker: a workbook of a hundred thousand addresses
// takes exceljs seconds. Bytes arrive as a plain Uint8Array (structured cloning drops Buffer).
import { readCsvList } from '../../features/batch/csv-file';
import type { UploadedList } from '../../features/batch/list';
import type { UploadFormat } from '../../features/batch/upload';
import { readXlsxList } from '../../features/batch/workbook';

export function readBatchList({ bytes, format, column }: { bytes: Uint8Array; format: UploadFormat; column?: string }): Promise<UploadedList> | UploadedList {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return format === 'csv' ? readCsvList(buffer, column) : readXlsxList(buffer, column);
}
