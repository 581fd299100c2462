// The signed-in app: navigation, inbox, case view, quick entry and the shortcuts that reach them.
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../main/api/types.ts';
import { can } from '../can.ts';
import { QuickEntry } from './entry/QuickEntry.tsx';
import { Header, type Screen } from './Header.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { InboxView } from './inbox/InboxView.tsx';
import type { CaseFilter } from './inbox/filter.ts';
import { InboxMemory } from './inbox/inbox-memory.ts';
import { ExecutiveStart } from './start/ExecutiveStart.tsx';
import { OfficeStart } from './start/OfficeStart.tsx';
import { startScreenOf } from './start/start-screen.ts';
import { leaveThrough, LeaveGuards, type LeaveGuard } from './use-discard-guard.tsx';
import { anyModalOpen } from './use-modal-focus.ts';
import { useCasesChanged } from '../use-cases-changed.ts';
// Each screen beyond the inbox is its own chunk, loaded when first opened: sign-in and the inbox load only what they need.
const CaseView = lazy(() => import('./case/CaseView.tsx').then((m) => ({ default: m.CaseView })));
const DepartmentHome = lazy(() => import('./improvements/DepartmentHome.tsx').then((m) => ({ default: m.DepartmentHome })));
const ImprovementsView = lazy(() => import('./improvements/ImprovementsView.tsx').then((m) => ({ default: m.ImprovementsView })));
const ImprovementView = lazy(() => import('./improvements/ImprovementView.tsx').then((m) => ({ default: m.ImprovementView })));
const SettingsView = lazy(() => import('./settings/SettingsView.tsx').then((m) => ({ default: m.SettingsView })));
const ImportView = lazy(() => import('./imports/ImportView.tsx').then((m) => ({ default: m.ImportView })));
const BarometerView = lazy(() => import('./barometer/BarometerView.tsx').then((m) => ({ default: m.BarometerView })));
const ReportsScreen = lazy(() => import('./reports/ReportsScreen.tsx').then((m) => ({ default: m.ReportsScreen })));
const PrizeDrawView = lazy(() => import('./draw/PrizeDrawView.tsx').then((m) => ({ default: m.PrizeDrawView })));

type EntryChannel = 'phone' | 'walk_in' | 'email' | 'letter' | 'web';

/** The office's calendar date here (yyyy-MM-dd), the latest a done date may be. */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Mail files (.eml, Outlook .msg) among files dropped on the window. */
export function mailFilesOf(files: FileList | null | undefined): File[] {
  return [...(files ?? [])].filter((file) => /\.(eml|msg)$/i.test(file.name));
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function Workbench({ user, onLogout }: { user: SessionUser; onLogout: () => void }) {
  const { t } = useTranslation();
  // Heads, the office and the executive land on their start screen; a figure there opens the inbox with its filter.
  const start = startScreenOf(user);
  const [screen, setScreen] = useState<Screen>(start ? 'home' : 'inbox');
  const [inboxFilter, setInboxFilter] = useState<{ filter: CaseFilter; label: string; key: number } | null>(null);
  const inboxOpenings = useRef(0);
  const [openCase, setOpenCaseOnly] = useState<number | null>(null);
  // Cases opened from another case (the person's earlier cases): back goes to the case before, focus to its link there.
  const [caseTrail, setCaseTrail] = useState<number[]>([]);
  const [cameBackFrom, setCameBackFrom] = useState<number | null>(null);
  /** Opens a case (or none) afresh: from the inbox, a start screen, search or an improvement. */
  const setOpenCase = useCallback((id: number | null) => {
    setCaseTrail([]);
    setCameBackFrom(null);
    setOpenCaseOnly(id);
  }, []);
  /** Opens a case from the case shown now; back returns to it. */
  const openCaseFromCase = useCallback((id: number) => {
    if (openCase === null || id === openCase) return;
    setCaseTrail((trail) => [...trail, openCase]);
    setCameBackFrom(null);
    setOpenCaseOnly(id);
  }, [openCase]);
  const [openImprovement, setOpenImprovement] = useState<number | null>(null);
  const [entry, setEntry] = useState<EntryChannel | null>(null);
  const [help, setHelp] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [refreshToken, setRefreshToken] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const canEnter = can(user, 'createCase');
  // The inbox as it was when a case was opened from it, for "back" (the inbox itself is not kept mounted).
  const [inboxMemory] = useState(() => new InboxMemory());
  // Mail files dropped anywhere on the window (outside the import screen's own drop zone): imported on the import screen.
  const [droppedMail, setDroppedMail] = useState<{ files: File[]; key: number } | null>(null);
  const canImport = can(user, 'importMailFiles');

  const refresh = useCallback(() => setRefreshToken((n) => n + 1), []);
  // Another seat changed cases (PostgreSQL): the inbox, the start screens and the department's lists load again.
  useCasesChanged(refresh);

  /** Back from a case or an improvement to the screen beneath (the inbox puts the focus back on its row itself). */
  const back = useCallback(() => {
    const previous = caseTrail.at(-1);
    if (openCase !== null && previous !== undefined) {
      setCaseTrail(caseTrail.slice(0, -1));
      setCameBackFrom(openCase);
      setOpenCaseOnly(previous);
      return;
    }
    if (openCase !== null) setOpenCase(null);
    else setOpenImprovement(null);
    requestAnimationFrame(() => {
      if (document.activeElement && document.activeElement !== document.body) return;
      const heading = document.querySelector<HTMLElement>('main h1');
      if (heading && !heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading?.focus({ preventScroll: true });
    });
  }, [openCase, caseTrail, setOpenCase]);
  /** From the inbox a start-screen figure opened back to the start screen, the focus on its heading. */
  const backToStart = useCallback(() => {
    setInboxFilter(null);
    setScreen('home');
    const focusHeading = (tries: number) =>
      requestAnimationFrame(() => {
        const heading = document.querySelector<HTMLElement>('main .start-screen h1');
        if (!heading) {
          if (tries > 0) focusHeading(tries - 1);
          return;
        }
        if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      });
    focusHeading(30);
  }, []);
  // Panels of the case view with typed text (a reply, an action's note) are asked before it is left.
  const [leaveGuards] = useState(() => new Set<LeaveGuard>());
  const guardedBack = useCallback(() => leaveThrough(leaveGuards, back), [leaveGuards, back]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (entry || help || anyModalOpen()) return;
      const key = event.key.toLowerCase();
      if (event.ctrlKey && event.shiftKey && key === 'p' && canEnter) setEntry('phone');
      else if (event.ctrlKey && event.shiftKey && key === 'w' && canEnter) setEntry('walk_in');
      else if (event.ctrlKey && !event.shiftKey && key === 'n' && canEnter) setEntry('phone');
      else if (!isTyping(event.target) && event.key === '?') setHelp(true);
      else if (!isTyping(event.target) && event.key === '/' && !openCase && screen === 'inbox') searchRef.current?.focus();
      // Back from a case or an improvement: Esc when not typing (and nothing else took it), Alt+← anywhere.
      // Back from an inbox that a start-screen figure opened: Alt+← returns to the start screen.
      else if (openCase === null && openImprovement === null && screen === 'inbox' && inboxFilter !== null && start && event.altKey && event.key === 'ArrowLeft') backToStart();
      else if ((openCase !== null || openImprovement !== null) && screen !== 'settings' && screen !== 'draw' && screen !== 'imports' && screen !== 'barometer' && screen !== 'reports' && ((event.key === 'Escape' && !event.defaultPrevented && !isTyping(event.target)) || (event.altKey && event.key === 'ArrowLeft'))) guardedBack();
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [entry, help, canEnter, openCase, openImprovement, screen, guardedBack, inboxFilter, start, backToStart]);

  useEffect(() => {
    // Files dragged over the window may be dropped (the browser would otherwise open them in place of the workbench).
    function onDragOver(event: DragEvent) {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = canImport ? 'copy' : 'none';
    }
    function onDrop(event: DragEvent) {
      // A drop zone of its own (the import screen's; React's handlers run before this window listener) took it already.
      if (event.defaultPrevented || !event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      if (!canImport || entry || help || anyModalOpen()) return;
      const files = mailFilesOf(event.dataTransfer.files);
      if (files.length === 0) return;
      leaveThrough(leaveGuards, () => {
        setScreen('imports');
        setOpenCase(null);
        setOpenImprovement(null);
        setDroppedMail((previous) => ({ files, key: (previous?.key ?? 0) + 1 }));
      });
    }
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [canImport, entry, help, leaveGuards, setOpenCase]);

  return (
    <div className="shell">
      <Header
        user={user}
        screen={screen}
        // Leaving through the header (another screen, a notification's case, signing out) asks about typed text first too.
        onNavigate={(next) =>
          leaveThrough(leaveGuards, () => {
            setInboxFilter(null);
            setScreen(next);
            setOpenCase(null);
            setOpenImprovement(null);
          })
        }
        onLogout={() => leaveThrough(leaveGuards, onLogout)}
        onHelp={() => setHelp(true)}
        onNewCase={canEnter ? () => setEntry('phone') : undefined}
        onOpenCase={(id) =>
          leaveThrough(leaveGuards, () => {
            if (screen === 'settings' || screen === 'draw' || screen === 'imports' || screen === 'barometer' || screen === 'reports') setScreen(start ? 'home' : 'inbox');
            setOpenImprovement(null);
            setOpenCase(id);
          })
        }
      />
      {saved && (
        <p className="toast" role="status">
          {t('entry.saved', { reference: saved })}
        </p>
      )}
      <LeaveGuards.Provider value={leaveGuards}>
      <main className="content" id="main">
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        {screen === 'settings' ? (
          <SettingsView user={user} />
        ) : screen === 'draw' ? (
          <PrizeDrawView user={user} />
        ) : screen === 'imports' ? (
          <ImportView dropped={droppedMail} onOpenCase={(id) => { setScreen(start ? 'home' : 'inbox'); setOpenCase(id); }} />
        ) : screen === 'barometer' ? (
          <BarometerView user={user} />
        ) : screen === 'reports' ? (
          <ReportsScreen user={user} />
        ) : openCase !== null ? (
          <CaseView
            key={openCase}
            caseId={openCase}
            user={user}
            onBack={guardedBack}
            onChanged={refresh}
            onOpenCase={(id) => leaveThrough(leaveGuards, () => openCaseFromCase(id))}
            returnFrom={cameBackFrom}
            onOpenImprovement={(id) =>
              leaveThrough(leaveGuards, () => {
                setOpenCase(null);
                setOpenImprovement(id);
              })
            }
          />
        ) : openImprovement !== null ? (
          <ImprovementView
            key={openImprovement}
            id={openImprovement}
            user={user}
            today={localToday()}
            onBack={back}
            onOpenCase={(id) => {
              setOpenImprovement(null);
              setOpenCase(id);
            }}
          />
        ) : screen === 'home' && start === 'office' ? (
          <OfficeStart
            refreshToken={refreshToken}
            onOpenCase={setOpenCase}
            onOpenInbox={(filter, label) => {
              // Each opening from a figure is a new inbox (its own key, also for the inbox memory).
              inboxOpenings.current += 1;
              setInboxFilter({ filter, label, key: inboxOpenings.current });
              setScreen('inbox');
            }}
          />
        ) : screen === 'home' && start === 'executive' ? (
          <ExecutiveStart
            refreshToken={refreshToken}
            onOpenInbox={(filter, label) => {
              inboxOpenings.current += 1;
              setInboxFilter({ filter, label, key: inboxOpenings.current });
              setScreen('inbox');
            }}
          />
        ) : screen === 'home' ? (
          <DepartmentHome onOpenCase={setOpenCase} onOpenImprovement={setOpenImprovement} refreshToken={refreshToken} />
        ) : screen === 'improvements' ? (
          <ImprovementsView user={user} onOpen={setOpenImprovement} />
        ) : (
          <InboxView key={inboxFilter?.key ?? 0} user={user} onOpenCase={setOpenCase} searchRef={searchRef} refreshToken={refreshToken} initialFilter={inboxFilter ?? undefined} memory={inboxMemory} memoryKey={inboxFilter?.key ?? 0} />
        )}
        </Suspense>
      </main>
      </LeaveGuards.Provider>
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
