// Every event of a case, oldest first, in the reader's language.
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../../main/api/types.ts';
import { formatDate, formatDateTime } from '../../format.ts';

function describe(event: TimelineEvent, t: ReturnType<typeof useTranslation>['t'], language: string): string {
  const data = event.data;
  // Main leaves out what names another department's case or improvement; the event itself still shows.
  if (data.restricted === true) {
    return t(`timeline.restricted.${event.type}`, { date: data.doneOn ? formatDate(String(data.doneOn), language) : '', defaultValue: t('timeline.other', { type: event.type }) });
  }
  switch (event.type) {
    case 'created':
      if (data.reference === undefined) return t('timeline.improvementCreated');
      return t('timeline.created', { reference: data.reference, channel: t(`channel.${String(data.channel)}`) });
    case 'status_changed':
      // Improvements record from/to without a workflow action.
      if (data.action === undefined) return t('timeline.improvementStatus', { to: t(`improvementStatus.${String(data.to)}`) });
      return t('timeline.statusChanged', { action: t(`action.${String(data.action)}`), to: t(`status.${String(data.to)}`) });
    case 'case_linked':
      return t('timeline.caseLinked', { reference: data.reference, relation: t(`relation.${String(data.relation)}`) });
    case 'case_unlinked':
      return t('timeline.caseUnlinked', { reference: data.reference });
    case 'improvement_linked':
      return t('timeline.improvementLinked', { title: data.title, relation: t(`relation.${String(data.relation)}`) });
    case 'improvement_unlinked':
      return t('timeline.improvementUnlinked', { title: data.title });
    case 'improvement_done':
      return t('timeline.improvementDone', { title: data.title, date: formatDate(String(data.doneOn), language) });
    case 'updated':
      return t('timeline.updated', { fields: Object.keys((data.changes as object) ?? {}).map((field) => t(`field.${field}`, { defaultValue: t(`improvementField.${field}`) })).join(', ') });
    case 'contact_updated':
      return t('timeline.contactUpdated', { fields: ((data.fields as string[] | undefined) ?? []).map((field) => t(`entry.${field}`)).join(', ') });
    case 'assigned':
      return t('timeline.assigned');
    case 'deadline_extended':
      return t('timeline.extended', { days: data.workingDays, due: formatDate(String(data.responseDueAfter), language) });
    case 'merged_in':
      return t('timeline.mergedIn', { reference: data.fromReference });
    case 'note':
      return t('timeline.note');
    case 'reply':
      return t('timeline.reply', { channel: t(`reply.channels.${String(data.channel)}`), subject: data.subject });
    case 'attachment_added':
      return t('timeline.attachmentAdded', { name: data.fileName });
    case 'mail_received':
      return t('timeline.mailReceived', { subject: data.subject });
    case 'mail_imported':
      return t('timeline.mailImported', { name: data.fileName });
    default:
      return t('timeline.other', { type: event.type });
  }
}

export function Timeline({ events }: { events: TimelineEvent[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="timeline" aria-label={t('case.timeline')}>
      {events.map((event) => {
        const text = (event.data.text ?? event.data.statement ?? event.data.reason ?? event.data.summary ?? event.data.body) as string | undefined;
        return (
          <li key={event.id} className={`event event-${event.type}`}>
            <div className="event-head">
              <strong>{describe(event, t, i18n.language)}</strong>
              <span className="muted">
                {formatDateTime(event.at, i18n.language)} · {event.actorName ?? t('timeline.system')}
              </span>
            </div>
            {text && <p className="event-text">{text}</p>}
          </li>
        );
      })}
    </ol>
  );
}
