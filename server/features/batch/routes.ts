import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { jsonBody } from '../../http/json-body';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { ROW_CLASSES } from './classes';
import { BatchJobs } from './jobs';
import { batchClassFile, batchResult, batchStatus, batchUnmatched, correctRows, MAX_FIXES, startBatch, type BatchFile } from './service';
import { fileBody, uploadedFile } from './upload';

const uploadQuery = z.strictObject({
  /** The header of the address column, when detection would pick another. */
  column: z.string().trim().min(1).max(200).optional(),
  /** The uploaded file's name, for the names of the downloads. */
  name: z.string().trim().min(1).max(200).optional(),
});
const jobParams = z.object({ id: z.uuid('a batch id is a UUID') });
const classParams = jobParams.extend({ class: z.enum(ROW_CLASSES) });
const fixesBody = z.strictObject({
  rows: z
    .array(z.strictObject({ row: z.number().int().min(2), address: z.string().trim().min(1).max(200) }))
    .min(1)
    .max(MAX_FIXES)
    .refine((rows) => new Set(rows.map((r) => r.row)).size === rows.length, 'each row once'),
});

function sendFile(res: Response, file: BatchFile) {
  res.type(file.contentType);
  res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  res.send(file.bytes);
}

/** Mounted ahead of the JSON body parser: the upload's body is the file itself. */
export function batchRoutes(ctx: AppContext): Router {
  const jobs = new BatchJobs(ctx);
  const users = requireRole('staff', 'admin', 'planner', 'leader');
  return Router()
    .post('/api/lookup/batch', users, fileBody(), async (req, res) => {
      const { column, name } = parseRequest(req, { query: uploadQuery }).query;
      const status = await startBatch(ctx, jobs, req.user!, { ...uploadedFile(req), column, name });
      res.status(202).json(status);
    })
    .get('/api/lookup/batch/:id', users, async (req, res) => {
      const { id } = parseRequest(req, { params: jobParams }).params;
      res.json(batchStatus(await jobs.get(id, req.user!)));
    })
    .get('/api/lookup/batch/:id/result', users, async (req, res) => {
      const { id } = parseRequest(req, { params: jobParams }).params;
      sendFile(res, await batchResult(await jobs.get(id, req.user!), req.user!));
    })
    .get('/api/lookup/batch/:id/unmatched', users, async (req, res) => {
      const { id } = parseRequest(req, { params: jobParams }).params;
      sendFile(res, batchUnmatched(await jobs.get(id, req.user!)));
    })
    .get('/api/lookup/batch/:id/download/:class', users, async (req, res) => {
      const { id, class: rowClass } = parseRequest(req, { params: classParams }).params;
      sendFile(res, await batchClassFile(await jobs.get(id, req.user!), rowClass, req.user!));
    })
    // This router is mounted ahead of the app's JSON parser, so the corrections parse their own body.
    .post('/api/lookup/batch/:id/rows', users, jsonBody(), async (req, res) => {
      const { params, body } = parseRequest(req, { params: jobParams, body: fixesBody });
      res.json(await correctRows(ctx, jobs, await jobs.get(params.id, req.user!), body.rows));
    });
}
