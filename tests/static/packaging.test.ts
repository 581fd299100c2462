// ELECTRON-NOTES 3 and 4, and the fuses: read electron-builder.yml the way electron-builder 26 reads it and validate it
// against its own schema, so a misspelt key fails here instead of being ignored on the release machine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from './build-output.ts';

interface BuilderConfig {
  appId?: string;
  productName?: string;
  directories?: { output?: string; buildResources?: string };
  files?: string[];
  asar?: boolean;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  nodeGypRebuild?: boolean;
  buildDependenciesFromSource?: boolean;
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[] };
  win?: { target?: string[] };
  mac?: { target?: string[] };
}

const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const appBuilderLib = (file: string) => createRequire(fromBuilder.resolve('app-builder-lib/package.json'))(`./out/util/config/${file}`);

async function loadBuilderConfig(): Promise<{ configFile: string | null; result: BuilderConfig }> {
  const { getConfig } = appBuilderLib('load.js') as { getConfig: (request: object, configPath: string | null) => Promise<{ configFile: string | null; result: BuilderConfig }> };
  return getConfig({ packageKey: 'build', configFilename: 'electron-builder', projectDir: root, packageMetadata: null }, null);
}

describe('electron-builder.yml', () => {
  let config: BuilderConfig;
  beforeAll(async () => {
    const loaded = await loadBuilderConfig();
    expect(loaded.configFile).toBe(path.join(root, 'electron-builder.yml'));
    config = loaded.result;
  });

  it("passes electron-builder's own schema", async () => {
    const { validateConfiguration } = appBuilderLib('config.js') as { validateConfiguration: (config: object, logger: object) => Promise<void> };
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuse: {} }, { isEnabled: false, add() {} }), 'the schema check itself works').rejects.toThrow(
      /electronFuse/,
    );
  });

  it('packs the build into an asar with better-sqlite3 unpacked beside it', () => {
    expect(config).toMatchObject({ appId: 'org.ombudsdesk.app', productName: 'Ombudsdesk', asar: true });
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
  });

  it('never rebuilds native modules (better-sqlite3 13 ships an N-API prebuild that runs in Electron as it is)', () => {
    expect(config).toMatchObject({ npmRebuild: false, nodeGypRebuild: false, buildDependenciesFromSource: false });
  });

  it('sets the fuses: no RunAsNode, NODE_OPTIONS or inspect; app only from an integrity-checked asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('builds AppImage and deb, NSIS, dmg, with a 512x512 PNG icon in the build resources', () => {
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win?.target).toContain('nsis');
    expect(config.mac?.target).toContain('dmg');
    const icon = readFileSync(path.join(root, config.directories?.buildResources ?? 'build', 'icon.png'));
    expect(icon.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
