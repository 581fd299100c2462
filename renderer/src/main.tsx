import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { setupI18n } from './i18n/index.ts';
import './styles.css';

// The kiosk window loads the app with #kiosk (main decides which window is a kiosk and gives it the kiosk channels only).
const KioskScreen = lazy(() => import('./views/kiosk/KioskScreen.tsx').then((m) => ({ default: m.KioskScreen })));
const kiosk = window.location.hash === '#kiosk';

setupI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {kiosk ? (
      <Suspense fallback={null}>
        <KioskScreen />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
