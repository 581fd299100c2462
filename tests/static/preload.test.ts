// ELECTRON-NOTES 1: a sandboxed preload is one CommonJS script that may require only electron, events, timers and url.
// An ES-module preload, or one that requires anything else, fails silently and window.ombudsdesk is undefined.
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { IPC_CHANNEL_LIST, IPC_EVENT, IPC_PREFIX } from '../../main/api/channels.ts';
import { channelNames } from '../../main/api/registry.ts';
import { loadedModules, outPath, readOut, requireBuild } from './build-output.ts';

const SANDBOX_MODULES = ['electron', 'events', 'timers', 'url'];

describe('built preload (out/preload/index.cjs)', () => {
  let preload: string;
  beforeAll(() => {
    requireBuild();
    preload = readOut('preload/index.cjs');
  });

  it('is a single file', () => {
    expect(readdirSync(outPath('preload'), { recursive: true })).toEqual(['index.cjs']);
  });

  it('has no ES module syntax', () => {
    expect(preload, 'import statement').not.toMatch(/^\s*import[\s{*'"]/m);
    expect(preload, 'export statement').not.toMatch(/^\s*export[\s{*]/m);
    expect(preload, 'dynamic import()').not.toMatch(/\bimport\s*\(/);
    expect(preload, 'import.meta').not.toMatch(/\bimport\.meta\b/);
  });

  it('requires only what a sandboxed preload can require, and only with literal names', () => {
    const required = loadedModules(preload);
    expect(required).toContain('electron');
    for (const name of required) expect(SANDBOX_MODULES, `require("${name}")`).toContain(name);
    const requireCalls = preload.match(/(?<![\w$.])require\s*\(/g) ?? [];
    expect(requireCalls.length, 'every require() names its module literally').toBe(required.length);
  });

  it('stays tiny: channel names and a forwarder, no schemas or libraries bundled in', () => {
    expect(preload.length).toBeLessThan(8_000);
    expect(preload).not.toMatch(/\bzod\b|safeParse|better-sqlite3|kysely/);
  });

  it('bundles no channel list of its own: the names come from main at start', () => {
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\(\s*["']ombudsdesk["']/);
    expect(preload).toContain(JSON.stringify(IPC_PREFIX));
    expect(preload).toContain(JSON.stringify(IPC_CHANNEL_LIST));
    expect(preload).not.toContain(JSON.stringify('bulkUpdateCases'));
  });

  it('runs: forwards each channel to invoke, and carries the events of main to listeners of known names only', async () => {
    const exposed: Record<string, unknown> = {};
    const listeners = new Set<(...args: unknown[]) => void>();
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, value: unknown) => (exposed[name] = value) },
      ipcRenderer: {
        // Main answers the list with the names (an untrusted frame gets none); a bad name is never forwarded.
        sendSync: (channel: string) => (channel === IPC_CHANNEL_LIST ? [...channelNames, 'no-such thing', 42] : undefined),
        invoke: async (...args: unknown[]) => invoked.push(args),
        on: (channel: string, listener: (...args: unknown[]) => void) => channel === IPC_EVENT && listeners.add(listener),
        removeListener: (_channel: string, listener: (...args: unknown[]) => void) => listeners.delete(listener),
      },
    };
    const module = { exports: {} };
    runInNewContext(preload, { require: (name: string) => (name === 'electron' ? electron : undefined), module, exports: module.exports });
    expect(Object.keys(exposed).sort()).toEqual(['ombudsdesk', 'ombudsdeskEvents']);
    expect(Object.keys(exposed.ombudsdesk as object)).toEqual([...channelNames]);
    await (exposed.ombudsdesk as Record<string, (input: unknown) => Promise<unknown>>).listCases!({ limit: 1 });
    expect(invoked).toEqual([[`${IPC_PREFIX}listCases`, { limit: 1 }]]);

    const events = exposed.ombudsdeskEvents as { on(name: string, listener: (payload: unknown) => void): () => void };
    expect(() => events.on('everything', () => undefined)).toThrow();
    const heard: unknown[] = [];
    const stop = events.on('jobProgress', (payload) => heard.push(payload));
    for (const listener of listeners) {
      listener({}, 'jobProgress', { id: 1 });
      listener({}, 'somethingElse', { id: 2 });
    }
    expect(heard).toEqual([{ id: 1 }]);
    stop();
    expect(listeners.size).toBe(0);
  });
});
