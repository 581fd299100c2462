// Run as a separate process by the concurrency test: creates cases in a shared data folder (or, with an engine config
// as JSON in the fourth argument, in that database) as fast as it can.
import { openAppContext } from '../../main/app-context.ts';
import type { EngineConfig } from '../../main/db/open.ts';
import { createCase } from '../../main/services/cases.ts';
import { SYSTEM_ACTOR } from '../../main/services/actor.ts';

const [dataDir, countText, label, engineJson] = process.argv.slice(2);
const engine = engineJson ? (JSON.parse(engineJson) as EngineConfig) : undefined;
const app = await openAppContext({ dataDir: dataDir!, ...(engine ? { engine } : {}) });
for (let i = 0; i < Number(countText); i++) {
  await createCase(app.services, SYSTEM_ACTOR, {
    kind: 'idea',
    channel: 'web',
    origin: 'external',
    subject: `${label} ${i}`,
    description: '',
    submitter: { anonymous: true, name: null, email: null, phone: null, address: null, organisation: null, language: null, consent: false, consentText: null },
    priority: 'normal',
  });
}
await app.close();
