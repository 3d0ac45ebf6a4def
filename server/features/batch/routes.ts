import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { BatchJobs } from './jobs';
import { batchResult, batchStatus, batchUnmatched, startBatch, type BatchFile } from './service';
import { fileBody, uploadedFile } from './upload';

const uploadQuery = z.strictObject({
  /** The header of the address column, when detection would pick another. */
  column: z.string().trim().min(1).max(200).optional(),
  /** The uploaded file's name, for the names of the downloads. */
  name: z.string().trim().min(1).max(200).optional(),
});
const jobParams = z.object({ id: z.uuid('a batch id is a UUID') });

function sendFile(res: Response, file: BatchFile) {
  res.type(file.contentType);
  res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  res.send(file.bytes);
}

/** Mounted ahead of the JSON body parser: the upload's body is the file itself. */
export function batchRoutes(ctx: AppContext): Router {
  const jobs = new BatchJobs();
  const users = requireRole('staff', 'admin', 'planner', 'leader');
  return Router()
    .post('/api/lookup/batch', users, fileBody(), async (req, res) => {
      const { column, name } = parseRequest(req, { query: uploadQuery }).query;
      const status = await startBatch(ctx, jobs, req.user!, { ...uploadedFile(req), column, name });
      res.status(202).json(status);
    })
    .get('/api/lookup/batch/:id', users, (req, res) => {
      const { id } = parseRequest(req, { params: jobParams }).params;
      res.json(batchStatus(jobs.get(id, req.user!)));
    })
    .get('/api/lookup/batch/:id/result', users, async (req, res) => {
      const { id } = parseRequest(req, { params: jobParams }).params;
      sendFile(res, await batchResult(jobs.get(id, req.user!), req.user!));
    })
    .get('/api/lookup/batch/:id/unmatched', users, (req, res) => {
      const { id } = parseRequest(req, { params: jobParams }).params;
      sendFile(res, batchUnmatched(jobs.get(id, req.user!)));
    });
}
