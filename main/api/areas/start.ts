// Start screens and notifications.
import { z } from 'zod';
import { dashboard } from '../../services/dashboard.ts';
import { listNotifications, markNotificationsRead } from '../../services/notifications.ts';
import { executiveOverview, markStartSeen, officeToday } from '../../services/start-screens.ts';
import { actorOf, channel, id, isoDateTime, none, OFFICE, out } from '../define.ts';
import type { Dashboard, ExecutiveOverview, NotificationList, OfficeToday } from '../types.ts';

export const startChannels = {
  // Start screens: the office's day, the executive's figures; notifications go to the office and department heads.
  officeToday: channel({
    // The screen passes back the returnedSince it first got, so a refresh keeps counting from there.
    access: OFFICE,
    input: z.strictObject({ returnedSince: isoDateTime.optional() }).nullish(),
    output: out<OfficeToday>(),
    handler: (call, input) => officeToday(call.app.services, actorOf(call), input ?? {}),
  }),
  executiveOverview: channel({
    access: ['executive'],
    input: none,
    output: out<ExecutiveOverview>(),
    handler: ({ app }) => executiveOverview(app.services),
  }),
  // The office's and the executive's charts; every bar carries the inbox filter that lists what it counts.
  dashboard: channel({
    access: [...OFFICE, 'executive'],
    input: none,
    output: out<Dashboard>(),
    handler: (call) => dashboard(call.app.services, actorOf(call)),
  }),
  // The caller's role says which part of their start screen they have now looked at.
  markStartSeen: channel({
    access: [...OFFICE, 'department_head'],
    write: true,
    input: none,
    output: out<null>(),
    handler: async (call) => {
      await markStartSeen(call.app.services, actorOf(call));
      return null;
    },
  }),
  listNotifications: channel({
    access: [...OFFICE, 'department_head'],
    input: z.strictObject({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) }).nullish(),
    output: out<NotificationList>(),
    handler: (call, input) => listNotifications(call.app.services, actorOf(call), input ?? { unreadOnly: false, limit: 50 }),
  }),
  markNotificationsRead: channel({
    access: [...OFFICE, 'department_head'],
    write: true,
    input: z.union([z.strictObject({ ids: z.array(id).min(1).max(500) }), z.strictObject({ all: z.literal(true) })]),
    output: out<{ unread: number }>(),
    handler: (call, input) => markNotificationsRead(call.app.services, actorOf(call), input),
  }),
};
