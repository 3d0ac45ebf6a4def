// The leaders' dashboard: the report's indicators for the city and each town (server types only).
import type { Dashboard, Figures } from '../../../server/features/dashboard/service';
import { requestJson } from '../../shared/api/client';

export type { Dashboard, Figures };
export type TownFigures = Dashboard['towns'][number];

export const DASHBOARD_XLSX_URL = '/api/dashboard/export.xlsx';

export const fetchDashboard = (): Promise<Dashboard> => requestJson<Dashboard>('GET', '/api/dashboard');
