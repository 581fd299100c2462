// The API's shapes, for the renderer (which imports them as types only) and the API layer: each area's output types
// live with the services that produce them (main/types/<area>.ts), the error codes with the services' failures
// (main/services/errors.ts); this module only gathers them, and adds the envelope every call answers with.
import type { ApiError } from '../services/errors.ts';

export type { ApiError, ErrorCode } from '../services/errors.ts';
export type { SessionCore, SessionUser, AppInfo } from '../types/session.ts';
export type { CaseDeadlineView, CaseSummary, CaseListResult, Submitter, TimelineEvent, CaseDetail, CaseCount, PersonCase, BulkResult, SearchHit, CaseImprovementLink, CaseListFilter } from '../types/cases.ts';
export type { AttachmentInfo, AttachmentContent } from '../types/attachments.ts';
export type { RenderedReply, ReplyEventData } from '../types/replies.ts';
export type { Department, Category, OfficeSettings, HolidayRegionOption, ReplyTemplate } from '../types/settings.ts';
export type { UserRecord } from '../types/users.ts';
export type { ImprovementSummary, LinkedCase, ImprovementDetail, ImprovementNotification, YouSaidWeDidEntry } from '../types/improvements.ts';
export type { DrawPool, Prize, DrawEntry, DrawExclusion, DrawSummary, DrawEligibility, DrawWinner, DrawDetail } from '../types/draws.ts';
export type { Dashboard, DashboardBar } from '../types/start.ts';
export type { StartFigure, OfficeToday, ExecutiveOverview, DepartmentHome, NotificationType, NotificationItem, NotificationList } from '../types/start.ts';
export type { JobRecord, ExportFile } from '../types/jobs.ts';
export type { MailSettingsView, ImapSettingsView, SmtpSettingsView, MailSendInfo, OutgoingMailResult } from '../types/mail.ts';
export type { BarometerQuarter, BarometerReport, BarometerSettings, KioskConfig, KioskVoteResult, PaperTallyResult, VoteImportResult, VoteImportRowError } from '../types/barometer.ts';
export type { ImportSummary, ImportItemInfo, ImportDetail, ImportKind, TableUpload, TablePreview, PreviewCheck, SavedMapping, Open311Endpoint } from '../types/imports.ts';
export type { ReportCount, DeadlineFigures, StageDeadlines, ReportImprovement, ReportDraw, ReportData } from '../types/reports.ts';
export type { AccessibilityReport, AccessRow, AccessFigures, AccessDimension, DeadlineShare, PeerRow, PeerRowError, PhoneFigures, LoggedCall, PeerImportResult } from '../types/accessibility.ts';
export type { ConnectionInfo, ConnectionOutcome, ConnectionTestResult, ServerSettings, ServerSettingsView } from '../types/connection.ts';
export type { FirstRunState, FirstRunChoice } from '../types/first-run.ts';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
