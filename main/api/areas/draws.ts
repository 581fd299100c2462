// The yearly prize draw.
import { z } from 'zod';
import { FOLLOW_UP_TYPES } from '../../domain/draw-followup.ts';
import { drawEligibility, exportDrawProtocol, getDraw, listDraws, performDraw, prepareDraw, recordWinnerFollowUp } from '../../services/prize-draws.ts';
import { actorOf, channel, DRAW_READERS, id, none, out, requiredText, text, year } from '../define.ts';
import type { DrawDetail, DrawEligibility, DrawSummary, ExportFile } from '../types.ts';

const pool = z.enum(['external', 'internal']);

export const drawsChannels = {
  drawEligibility: channel({
    access: DRAW_READERS,
    input: z.strictObject({ year, pool }),
    output: out<DrawEligibility>(),
    handler: ({ app }, input) => drawEligibility(app.services, input.year, input.pool),
  }),
  listDraws: channel({
    access: DRAW_READERS,
    input: none,
    output: out<DrawSummary[]>(),
    handler: ({ app }) => listDraws(app.services),
  }),
  getDraw: channel({
    access: DRAW_READERS,
    input: z.strictObject({ id }),
    output: out<DrawDetail>(),
    handler: ({ app }, input) => getDraw(app.services, input.id),
  }),
  prepareDraw: channel({
    access: ['executive'],
    write: true,
    input: z.strictObject({
      year,
      pool,
      prizes: z.array(z.strictObject({ count: z.number().int().min(1).max(100), description: requiredText(300) })).min(1).max(20),
      repeatReason: text(2_000).nullish(),
    }),
    output: out<DrawDetail>(),
    handler: async (call, input) => getDraw(call.app.services, await prepareDraw(call.app.services, actorOf(call), input)),
  }),
  performDraw: channel({
    access: ['executive'],
    write: true,
    input: z.strictObject({
      id,
      // Only a bound for the transport: the seed's own rules (well-formed, not empty, at most 500 code points after
      // normalisation) are performDraw's, so that each refusal has its own message at the seed field.
      seed: z.string().max(4_000),
      witnesses: z.array(requiredText(200)).min(1).max(20),
      fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    }),
    output: out<DrawDetail>(),
    handler: async (call, input) => {
      await performDraw(call.app.services, actorOf(call), input);
      return getDraw(call.app.services, input.id);
    },
  }),
  exportDrawProtocol: channel({
    access: DRAW_READERS,
    input: z.strictObject({ id }),
    output: out<ExportFile>(),
    handler: ({ app }, input) => exportDrawProtocol(app.services, input.id),
  }),
  recordWinnerFollowUp: channel({
    access: DRAW_READERS,
    write: true,
    input: z.strictObject({ drawId: id, reference: requiredText(20), type: z.enum(FOLLOW_UP_TYPES), note: text(2_000).default('') }),
    output: out<DrawDetail>(),
    handler: async (call, input) => {
      await recordWinnerFollowUp(call.app.services, actorOf(call), input);
      return getDraw(call.app.services, input.drawId);
    },
  }),
};
