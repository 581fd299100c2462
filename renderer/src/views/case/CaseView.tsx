// One case: header with reference, status, stage and the deadline countdown; submitter; actions; timeline.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, Category, Department, SessionUser, UserRecord } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { can } from '../../can.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useArrivalFocus } from '../use-arrival-focus.ts';
import { concerns, useCasesChanged } from '../../use-cases-changed.ts';
import { dueLabel } from '../inbox/columns.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { CaseImprovements } from './CaseImprovements.tsx';
import { ContactPanel } from './ContactPanel.tsx';
import { PersonHistory } from './PersonHistory.tsx';
import { ReplyPanel } from './ReplyPanel.tsx';
import { Timeline } from './Timeline.tsx';

interface Props {
  caseId: number;
  user: SessionUser;
  onBack: () => void;
  onChanged: () => void;
  onOpenImprovement: (id: number) => void;
  /** Opens another case from this one (the person's earlier cases); back returns here. */
  onOpenCase: (id: number) => void;
  /** The case just left by going back, whose link here takes the focus again. */
  returnFrom?: number | null | undefined;
}

export function CaseView({ caseId, user, onBack, onChanged, onOpenImprovement, onOpenCase, returnFrom }: Props) {
  const { t, i18n } = useTranslation();
  const arrived = useArrivalFocus();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [users, setUsers] = useState<UserRecord[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  // Why a list the action forms choose from could not be loaded: shown in the actions panel, the case stays usable.
  const [listsError, setListsError] = useState<unknown>(null);
  const mayListUsers = can(user, 'listUsers');
  // Why the case could not be loaded again after another seat changed it: said above the facts, what is shown stays
  // (with the drafts in its forms) until the next change or a reload.
  const [refreshError, setRefreshError] = useState<unknown>(null);
  useCasesChanged((change) => {
    if (!concerns(change, caseId)) return;
    call('getCase', { id: caseId }).then(
      (next) => {
        setDetail(next);
        setRefreshError(null);
      },
      setRefreshError,
    );
  });

  useEffect(() => {
    call('getCase', { id: caseId }).then(setDetail, setError);
    call('listDepartments').then(setDepartments, setListsError);
    // Colleagues are chosen only in the office's steps (triage, escalate); department heads may not list users.
    if (mayListUsers) call('listUsers').then(setUsers, setListsError);
    call('listCategories').then(setCategories, setListsError);
  }, [caseId, mayListUsers]);

  if (error) return <ErrorMessage error={error} />;
  if (!detail) return <p>{t('app.loading')}</p>;
  const due = dueLabel(detail, t);
  const open = detail.status !== 'withdrawn' && detail.status !== 'merged';
  const changed = (next: CaseDetail) => {
    setDetail(next);
    onChanged();
  };
  const d = detail.deadlines;
  return (
    <article className="case-view" aria-labelledby="case-title">
      <div className="case-head">
        <button type="button" onClick={onBack} aria-keyshortcuts="Escape Alt+ArrowLeft" title={t('shortcuts.backHint')}>
          ← {t('case.back')}
        </button>
        <h1 id="case-title" tabIndex={-1} ref={arrived}>
          <span className="reference">{detail.reference}</span> {detail.subject}
        </h1>
      </div>
      {refreshError !== null && (
        <div className="notice">
          <p>{t('case.refreshFailed')}</p>
          <ErrorMessage error={refreshError} />
        </div>
      )}
      <dl className="facts">
        <div>
          <dt>{t('inbox.column.status')}</dt>
          <dd>
            <span className={`status status-${detail.status}`}>{t(`status.${detail.status}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('case.stage')}</dt>
          <dd>{t('case.stageN', { stage: detail.stage })}</dd>
        </div>
        <div>
          <dt>{t('inbox.column.kind')}</dt>
          <dd>{t(`kind.${detail.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('inbox.column.channel')}</dt>
          <dd>
            {t(`channel.${detail.channel}`)} · {t(`origin.${detail.origin}`)}
          </dd>
        </div>
        <div>
          <dt>{t('inbox.column.received')}</dt>
          <dd>{formatDateTime(detail.receivedAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('inbox.column.due')}</dt>
          <dd>
            <span className={`due due-${due.tone}`} data-testid="due">
              {formatDate(d.responseDue, i18n.language)} · {due.text}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('case.time')}</dt>
          <dd data-testid="time-used">{t('case.timeUsed', { gross: d.grossWorkingDays, net: d.netWorkingDays, paused: d.pausedWorkingDays })}</dd>
        </div>
        <div>
          <dt>{t('case.firstResponse')}</dt>
          <dd data-testid="first-response">{detail.firstResponseAt ? formatDateTime(detail.firstResponseAt, i18n.language) : t('case.noResponseYet')}</dd>
        </div>
        <div>
          <dt>{t('field.categoryId')}</dt>
          <dd>{detail.categoryName ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('field.priority')}</dt>
          <dd>{t(`priority.${detail.priority}`)}</dd>
        </div>
        <div>
          <dt>{t('inbox.column.department')}</dt>
          <dd>{detail.departmentName ?? t('inbox.noDepartment')}</dd>
        </div>
        <div>
          <dt>{t('inbox.column.handler')}</dt>
          <dd>{detail.handlerName ?? '–'}</dd>
        </div>
        {detail.outcome && (
          <div>
            <dt>{t('field.outcome')}</dt>
            <dd>{t(`outcome.${detail.outcome}`)}</dd>
          </div>
        )}
        {detail.duplicateOfReference && (
          <div>
            <dt>{t('case.mergedInto')}</dt>
            <dd>{detail.duplicateOfReference}</dd>
          </div>
        )}
      </dl>
      {/* Two columns on wide screens (styles.css): the case and its next step beside its links, files and history. */}
      <div className="case-main">
        <section className="case-body">
          <h2>{t('case.description')}</h2>
          <p className="description">{detail.description || '–'}</p>
        </section>
        <ContactPanel detail={detail} canEdit={can(user, 'updateSubmitter')} onChanged={changed} />
        <ActionPanel
          detail={detail}
          departments={departments}
          categories={categories}
          users={users}
          onChanged={changed}
          listsError={listsError}
        />
        {can(user, 'recordReply') && open && <ReplyPanel detail={detail} onChanged={changed} />}
      </div>
      <div className="case-side">
        {can(user, 'personHistory') && <PersonHistory detail={detail} onOpenCase={onOpenCase} returnFrom={returnFrom ?? null} />}
        <CaseImprovements
          detail={detail}
          user={user}
          onOpenImprovement={onOpenImprovement}
          onChanged={() => {
            call('getCase', { id: caseId }).then(changed, setError);
          }}
        />
        <AttachmentsPanel
          detail={detail}
          canAdd={can(user, 'addAttachment') && open}
          onAdded={() => {
            call('getCase', { id: caseId }).then(changed, setError);
          }}
        />
        <section>
          <h2>{t('case.timeline')}</h2>
          <Timeline events={detail.timeline} />
        </section>
      </div>
    </article>
  );
}
