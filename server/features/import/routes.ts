// 数据导入: an admin's import of the city's layers, step by step (see docs/api.md, "Import").
import { Router } from 'express';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { commitImport } from './commit';
import { createImport, discardImport, getImport, listImports } from './drafts';
import { checkDraft } from './dry-run';
import { previewLayer } from './preview';
import { dropLayer, mapLayer, putLayerFile } from './layer-file';
import { commitBody, fileQuery, importParams, layerParams, mappingBody, stepBody, versionQuery } from './schema';
import { undoImport } from './undo';
import { layerFileBody, layerFileBytes } from './upload';

/** Mounted ahead of the JSON body parser: a layer's file is the request body itself. */
export function importFileRoutes(ctx: AppContext): Router {
  return Router().put('/api/imports/:id/layers/:layer', requireRole('admin'), layerFileBody(), async (req, res) => {
    const { params, query } = parseRequest(req, { params: layerParams, query: fileQuery });
    const file = { name: query.name, bytes: layerFileBytes(req), ...(query.sheet ? { sheet: query.sheet } : {}) };
    res.json(await putLayerFile(ctx, req.user!, params.id, query.version, params.layer, file));
  });
}

export function importRoutes(ctx: AppContext): Router {
  const admins = requireRole('admin');
  return Router()
    .get('/api/imports', admins, async (req, res) => {
      parseRequest(req, {});
      res.json({ imports: await listImports(ctx) });
    })
    .post('/api/imports', admins, async (req, res) => {
      parseRequest(req, {});
      res.status(201).json(await createImport(ctx, req.user!));
    })
    .get('/api/imports/:id', admins, async (req, res) => {
      const { params } = parseRequest(req, { params: importParams });
      res.json(await getImport(ctx, params.id));
    })
    .get('/api/imports/:id/preview/:layer', admins, async (req, res) => {
      const { params } = parseRequest(req, { params: layerParams });
      res.type('application/geo+json').send(JSON.stringify(await previewLayer(ctx, params.id, params.layer)));
    })
    .post('/api/imports/:id/layers/:layer/mapping', admins, async (req, res) => {
      const { params, body } = parseRequest(req, { params: layerParams, body: mappingBody });
      const { version, ...choice } = body;
      res.json(await mapLayer(ctx, req.user!, params.id, version, params.layer, choice));
    })
    .delete('/api/imports/:id/layers/:layer', admins, async (req, res) => {
      const { params, query } = parseRequest(req, { params: layerParams, query: versionQuery });
      res.json(await dropLayer(ctx, req.user!, params.id, query.version, params.layer));
    })
    .post('/api/imports/:id/check', admins, async (req, res) => {
      const { params, body } = parseRequest(req, { params: importParams, body: stepBody });
      res.json(await checkDraft(ctx, req.user!, params.id, body.version));
    })
    .post('/api/imports/:id/commit', admins, async (req, res) => {
      const { params, body } = parseRequest(req, { params: importParams, body: commitBody });
      res.json(await commitImport(ctx, req.user!, params.id, body));
    })
    .post('/api/imports/:id/undo', admins, async (req, res) => {
      const { params, body } = parseRequest(req, { params: importParams, body: stepBody });
      res.json(await undoImport(ctx, req.user!, params.id, body.version));
    })
    .post('/api/imports/:id/discard', admins, async (req, res) => {
      const { params, body } = parseRequest(req, { params: importParams, body: stepBody });
      res.json(await discardImport(ctx, req.user!, params.id, body.version));
    });
}
