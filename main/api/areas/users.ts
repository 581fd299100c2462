// Users and their roles.
import { z } from 'zod';
import { LANGUAGES, ROLES } from '../../domain/model.ts';
import { listUsers, saveUser } from '../../services/users.ts';
import { channel, id, none, OFFICE, out, requiredText } from '../define.ts';
import type { UserRecord } from '../types.ts';

export const usersChannels = {
  listUsers: channel({
    access: [...OFFICE, 'executive'],
    input: none,
    output: out<UserRecord[]>(),
    handler: ({ app }) => listUsers(app.services),
  }),
  saveUser: channel({
    access: ['admin'],
    write: true,
    input: z.strictObject({
      id: id.optional(),
      username: requiredText(100).regex(/^[\p{L}\p{N}._-]+$/u),
      displayName: requiredText(200),
      role: z.enum(ROLES),
      departmentIds: z.array(id).max(500).default([]),
      language: z.enum(LANGUAGES).default('de'),
      active: z.boolean().default(true),
      password: z.string().min(1).max(200).optional(),
    }),
    output: out<UserRecord>(),
    handler: ({ app }, input) => saveUser(app.services, input),
  }),
};
