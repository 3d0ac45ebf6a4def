// Every job a worker can run, by name: pure computations over plain data (server/analysis and
// the thin adapters in jobs/). The pool's callers name a job and get its typed value back.
import { readBatchList } from './jobs/batch';
import { coverageFigures, newSites } from './jobs/coverage';
import { areasProposal, groupsProposal } from './jobs/districting';
import { readAreasFile, readLayerFile, writeLayerFile } from './jobs/files';

export const JOBS = {
  'coverage.figures': coverageFigures,
  'coverage.sites': newSites,
  'districting.areas': areasProposal,
  'districting.groups': groupsProposal,
  'file.areas': readAreasFile,
  'file.batchList': readBatchList,
  'file.export': writeLayerFile,
  'file.layer': readLayerFile,
};

export type JobName = keyof typeof JOBS;
export type JobInput<N extends JobName> = Parameters<(typeof JOBS)[N]>[0];
export type JobOutput<N extends JobName> = Awaited<ReturnType<(typeof JOBS)[N]>>;
