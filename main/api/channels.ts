// Channel names only: the preload bundles this file, so it must stay plain data with no imports.
export const IPC_PREFIX = 'ombudsdesk:';

export const channelNames = [
  'appInfo',
  'login',
  'logout',
  'currentUser',
  'changePassword',
  'listCases',
  'getCase',
  'createCase',
  'updateCase',
  'transitionCase',
  'assignCase',
  'addCaseNote',
  'extendCaseDeadline',
  'searchCases',
  'caseCounts',
  'listDepartments',
  'saveDepartment',
  'listCategories',
  'saveCategory',
  'listUsers',
  'saveUser',
  'getSettings',
  'updateSettings',
  'listHolidayRegions',
  'listReplyTemplates',
  'saveReplyTemplate',
  'renderReply',
  'recordReply',
  'addAttachment',
  'listAttachments',
  'getAttachment',
] as const;

export type ChannelName = (typeof channelNames)[number];
