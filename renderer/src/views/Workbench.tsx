// The signed-in app: navigation, inbox, case view, quick entry and the shortcuts that reach them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../main/api/types.ts';
import { can } from '../can.ts';
import { CaseView } from './case/CaseView.tsx';
import { QuickEntry } from './entry/QuickEntry.tsx';
import { Header, type Screen } from './Header.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { InboxView } from './inbox/InboxView.tsx';
import { DepartmentHome } from './improvements/DepartmentHome.tsx';
import { ImprovementsView } from './improvements/ImprovementsView.tsx';
import { ImprovementView } from './improvements/ImprovementView.tsx';
import { SettingsView } from './settings/SettingsView.tsx';
import { PrizeDrawView } from './draw/PrizeDrawView.tsx';

type EntryChannel = 'phone' | 'walk_in' | 'email' | 'letter' | 'web';

/** The office's calendar date here (yyyy-MM-dd), the latest a done date may be. */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function Workbench({ user, onLogout }: { user: SessionUser; onLogout: () => void }) {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>(can(user, 'departmentHome') ? 'home' : 'inbox');
  const [openCase, setOpenCase] = useState<number | null>(null);
  const [openImprovement, setOpenImprovement] = useState<number | null>(null);
  const [entry, setEntry] = useState<EntryChannel | null>(null);
  const [help, setHelp] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [refreshToken, setRefreshToken] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const canEnter = can(user, 'createCase');

  const refresh = useCallback(() => setRefreshToken((n) => n + 1), []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (entry || help) return;
      const key = event.key.toLowerCase();
      if (event.ctrlKey && event.shiftKey && key === 'p' && canEnter) setEntry('phone');
      else if (event.ctrlKey && event.shiftKey && key === 'w' && canEnter) setEntry('walk_in');
      else if (event.ctrlKey && !event.shiftKey && key === 'n' && canEnter) setEntry('phone');
      else if (!isTyping(event.target) && event.key === '?') setHelp(true);
      else if (!isTyping(event.target) && event.key === '/' && !openCase && screen === 'inbox') searchRef.current?.focus();
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [entry, help, canEnter, openCase, screen]);

  return (
    <div className="shell">
      <Header
        user={user}
        screen={screen}
        onNavigate={(next) => {
          setScreen(next);
          setOpenCase(null);
          setOpenImprovement(null);
        }}
        onLogout={onLogout}
        onHelp={() => setHelp(true)}
        onNewCase={canEnter ? () => setEntry('phone') : undefined}
      />
      {saved && (
        <p className="toast" role="status">
          {t('entry.saved', { reference: saved })}
        </p>
      )}
      <main className="content" id="main">
        {screen === 'settings' ? (
          <SettingsView user={user} />
        ) : screen === 'draw' ? (
          <PrizeDrawView user={user} />
        ) : openCase !== null ? (
          <CaseView
            key={openCase}
            caseId={openCase}
            user={user}
            onBack={() => setOpenCase(null)}
            onChanged={refresh}
            onOpenImprovement={(id) => {
              setOpenCase(null);
              setOpenImprovement(id);
            }}
          />
        ) : openImprovement !== null ? (
          <ImprovementView
            key={openImprovement}
            id={openImprovement}
            user={user}
            today={localToday()}
            onBack={() => setOpenImprovement(null)}
            onOpenCase={(id) => {
              setOpenImprovement(null);
              setOpenCase(id);
            }}
          />
        ) : screen === 'home' ? (
          <DepartmentHome onOpenCase={setOpenCase} onOpenImprovement={setOpenImprovement} refreshToken={refreshToken} />
        ) : screen === 'improvements' ? (
          <ImprovementsView user={user} onOpen={setOpenImprovement} />
        ) : (
          <InboxView user={user} onOpenCase={setOpenCase} searchRef={searchRef} refreshToken={refreshToken} />
        )}
      </main>
      {entry && (
        <QuickEntry
          channel={entry}
          onClose={() => setEntry(null)}
          onSaved={(reference) => {
            setEntry(null);
            setSaved(reference);
            refresh();
          }}
        />
      )}
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
