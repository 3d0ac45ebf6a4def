import { Router } from 'express';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { ROLES } from '../../domain/roles';
import { readDashboard } from './service';
import { dashboardWorkbook, workbookName } from './workbook';

export function dashboardRoutes(ctx: AppContext): Router {
  // Counts of units, organisations and centres, nothing about any one resident: every signed-in
  // role may see them; leaders are the ones who asked.
  const signedIn = requireRole(...ROLES);
  return Router()
    .get('/api/dashboard', signedIn, async (req, res) => {
      parseRequest(req, {});
      res.json(await readDashboard(ctx));
    })
    .get('/api/dashboard/export.xlsx', signedIn, async (req, res) => {
      parseRequest(req, {});
      const at = new Date();
      const bytes = await dashboardWorkbook(await readDashboard(ctx), at);
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('content-disposition', `attachment; filename="dashboard-${at.toLocaleDateString('sv-SE')}.xlsx"; filename*=UTF-8''${encodeURIComponent(workbookName(at))}`);
      res.send(bytes);
    });
}
