// The Reports screen: the quarterly and yearly report, or the accessibility figures (issue 13, point 4) with the call
// log and the peer import. A choice of two views under the header's "Reports", as the settings choose their section.
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../main/api/types.ts';
import { can } from '../../can.ts';
import { ReportView } from './ReportView.tsx';

const AccessibilityView = lazy(() => import('./AccessibilityView.tsx').then((m) => ({ default: m.AccessibilityView })));

type View = 'report' | 'accessibility';

export function ReportsScreen({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('report');
  const views: View[] = can(user, 'accessibilityReport') ? ['report', 'accessibility'] : ['report'];
  return (
    <>
      {views.length > 1 && (
        <div className="views no-print" role="group" aria-label={t('reports.views')}>
          {views.map((name) => (
            <button key={name} type="button" aria-pressed={view === name} onClick={() => setView(name)}>
              {t(name === 'report' ? 'reports.viewReport' : 'reports.viewAccessibility')}
            </button>
          ))}
        </div>
      )}
      {view === 'report' ? (
        <ReportView />
      ) : (
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
          <AccessibilityView user={user} />
        </Suspense>
      )}
    </>
  );
}
