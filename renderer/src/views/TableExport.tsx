// Export buttons of a table view (the inbox, the improvements list): the rows of exactly the current view (filters,
// sort, search; main applies a department head's scope) to XLSX or CSV, made by the tableExport background job and
// saved like the other exports when it is done. The view shows the job's progress (with Cancel) where it has room:
//
//   const exportJob = useJob();
//   <TableExportButtons job={exportJob} query={{ table: 'cases', filter, sort }} />   (in the toolbar)
//   <JobProgress job={exportJob} />                                                    (below it)
//
// One job at a time per hook: a double click starts one job and saves one file.
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../main/api/contract.ts';
import type { Job } from '../use-job.ts';

type TableExportParams = Extract<ChannelInput<'startJob'>, { kind: 'tableExport' }>['params'];
/** What to export, without the format and language the buttons add. */
export type TableExportQuery = TableExportParams extends infer P ? (P extends unknown ? Omit<P, 'format' | 'language'> : never) : never;

export function TableExportButtons({ job, query, disabled = false }: { job: Job; query: TableExportQuery; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const start = (format: 'xlsx' | 'csv') => void job.start('tableExport', { ...query, format, language: i18n.language === 'en' ? 'en' : 'de' } as TableExportParams);
  return (
    <div className="table-export" role="group" aria-label={t('tableExport.label')}>
      <button type="button" onClick={() => start('xlsx')} disabled={disabled || job.running} aria-busy={job.running}>
        {t('tableExport.xlsx')}
      </button>
      <button type="button" onClick={() => start('csv')} disabled={disabled || job.running} aria-busy={job.running}>
        {t('tableExport.csv')}
      </button>
    </div>
  );
}
