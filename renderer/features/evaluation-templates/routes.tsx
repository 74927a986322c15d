import type { RouteObject } from 'react-router';
import { TemplateEditorPage } from './TemplateEditorPage';
import { TemplatesPage } from './TemplatesPage';

export const evaluationTemplatesRoutes: RouteObject[] = [
  { path: '/evaluation-templates', element: <TemplatesPage /> },
  { path: '/evaluation-templates/new', element: <TemplateEditorPage /> },
  { path: '/evaluation-templates/:id', element: <TemplateEditorPage /> },
];
