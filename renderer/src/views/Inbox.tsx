// The plain inbox: newest first, 100 a page, paged in SQL by main.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListResult, CaseSummary } from '../../../main/api/types.ts';
import { call } from '../api.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

const PAGE_SIZE = 100;
const RUNNING = new Set(['new', 'open', 'forwarded']);

function Due({ row }: { row: CaseSummary }) {
  const { t } = useTranslation();
  if (!RUNNING.has(row.status)) return <span className="muted">{t('inbox.due.none')}</span>;
  if (row.overdue) return <span className="due overdue">{t('inbox.due.overdue', { count: -row.workingDaysLeft })}</span>;
  if (row.workingDaysLeft === 0) return <span className="due soon">{t('inbox.due.today')}</span>;
  return <span className={row.workingDaysLeft <= 2 ? 'due soon' : 'due'}>{t('inbox.due.left', { count: row.workingDaysLeft })}</span>;
}

export function Inbox() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(0);
  const [result, setResult] = useState<CaseListResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    call('listCases', { sort: { column: 'receivedAt', direction: 'desc' }, limit: PAGE_SIZE, offset: page * PAGE_SIZE }).then(
      (value) => {
        if (!current) return;
        setResult(value);
        setError(null);
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [page, reloads]);

  const pages = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby="inbox-title">
      <div className="toolbar">
        <h1 id="inbox-title">{t('inbox.title')}</h1>
        {result && <span className="count">{t('inbox.count', { count: result.total, formatted: formatNumber(result.total, i18n.language) })}</span>}
        <span className="spacer" />
        <button type="button" onClick={() => setReloads((n) => n + 1)}>
          {t('inbox.refresh')}
        </button>
      </div>
      <ErrorMessage error={error} />
      {result && result.total === 0 && <p className="empty">{t('inbox.empty')}</p>}
      {result && result.total > 0 && (
        <>
          <div className="table-wrap">
            <table className="cases">
              <caption className="visually-hidden">{t('inbox.caption')}</caption>
              <thead>
                <tr>
                  {(['reference', 'received', 'kind', 'channel', 'subject', 'submitter', 'department', 'status', 'due'] as const).map((column) => (
                    <th key={column} scope="col">
                      {t(`inbox.column.${column}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row) => (
                  <tr key={row.id}>
                    <td className="reference">{row.reference}</td>
                    <td className="nowrap">{formatDateTime(row.receivedAt, i18n.language)}</td>
                    <td>
                      <span className={`tag kind-${row.kind}`}>{t(`kind.${row.kind}`)}</span>
                    </td>
                    <td>{t(`channel.${row.channel}`)}</td>
                    <td className="subject">{row.subject}</td>
                    <td>{row.anonymous ? <span className="muted">{t('inbox.anonymous')}</span> : row.submitterName}</td>
                    <td>{row.departmentName ?? t('inbox.noDepartment')}</td>
                    <td>
                      <span className={`status status-${row.status}`}>{t(`status.${row.status}`)}</span>
                    </td>
                    <td className="due-cell">
                      <Due row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('inbox.page', { page: page + 1, pages })}>
            <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {t('inbox.previous')}
            </button>
            <span>{t('inbox.page', { page: page + 1, pages })}</span>
            <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
              {t('inbox.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
