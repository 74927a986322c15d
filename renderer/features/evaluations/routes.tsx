import type { RouteObject } from 'react-router';
import { EvaluationsPage } from './EvaluationsPage';
import { ScoringPage } from './ScoringPage';

export const evaluationsRoutes: RouteObject[] = [
  { path: '/evaluations', element: <EvaluationsPage /> },
  { path: '/evaluations/:id', element: <ScoringPage /> },
];
