// Screens with URLs (hash routing, so the same build works from app://, the loopback
// server and a file). Each feature owns its routes; planned areas show what they will hold.
// 首页 and the first-run screen are in the first script; the other screens (screens.tsx) are
// added to the layout the first time a URL needs them.
import { createHashRouter } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { homeRoutes } from './features/home/routes';
import { SetupPage } from './features/setup/SetupPage';

let screensAdded = false;

export const router = createHashRouter(
  [
    { path: '/setup', element: <SetupPage /> },
    { id: 'layout', element: <AppLayout />, children: homeRoutes },
  ],
  {
    async patchRoutesOnNavigation({ patch }) {
      if (screensAdded) return; // a URL no screen has: the router shows its not-found page
      const { screenRoutes } = await import('./screens');
      if (screensAdded) return;
      patch('layout', screenRoutes);
      screensAdded = true;
    },
  },
);
