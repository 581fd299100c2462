// The recipes for checking a prize draw without Ombudsdesk, taken from README.md and docs/prize-draw.md as printed
// there and run as an outsider would: the docs' Python script must judge every valid and tampered protocol exactly as
// `draw verify` does (same verdict, same exit status, same rule names); the README's short Python version and the docs'
// shell script must accept valid protocols (a byte order mark too) and refuse the tampering they recompute.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_RULES, type ProtocolRule } from '../../main/domain/draw.ts';
import { latin1Protocol, protocolFor, tamperedProtocols, validProtocols, WORKED_REFERENCES, WORKED_SEED } from '../support/draw-protocol.ts';
import { removeTempDirs, tempDir } from '../support/temp-app.ts';

afterAll(removeTempDirs);

const readDoc = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

/** The fenced block whose info string is exactly "<language> <name>", e.g. ```python check_draw.py. */
function recipe(file: string, info: string): string {
  const escaped = info.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const block = new RegExp(`^\`\`\`${escaped}\\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(readDoc(file));
  if (!block) throw new Error(`${file} has no \`\`\`${info} block`);
  return block[1]!;
}

function script(name: string, text: string): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

function protocolFile(content: string | Buffer): string {
  const file = path.join(tempDir(), 'prize-draw-2027-external-1.json');
  writeFileSync(file, content);
  return file;
}

const run = (command: string, file: string, protocol: string) => spawnSync(command, [file, protocol], { encoding: 'utf8' });

/** The rules named by a report's lines (all but the closing "Protocol NOT verified."). */
const namedRules = (stderr: string) =>
  [...new Set(stderr.trim().split('\n').filter((line) => line !== 'Protocol NOT verified.').map((line) => PROTOCOL_RULES.find((rule) => line.startsWith(rule)) ?? line))];

const exported = protocolFor(WORKED_REFERENCES, WORKED_SEED);
const verifiedLine = `Protocol verified: fingerprint ${exported.fingerprint}, 5 entries, winners: ${exported.winners.join(', ')}`;
const tampered = tamperedProtocols();
const byName = (name: string) => tampered.find((c) => c.name === name)!;

describe("docs/prize-draw.md's Python script (every rule)", () => {
  const checker = script('check_draw.py', recipe('docs/prize-draw.md', 'python check_draw.py'));

  it('verifies the exported worked example and prints what draw verify prints', async () => {
    const result = run('python3', checker, protocolFile(`${JSON.stringify(exported, null, 2)}\n`));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(verifiedLine);
  });

  it.each(validProtocols().map((c) => [c.name, c] as const))('accepts %s', (_name, valid) => {
    const result = run('python3', checker, protocolFile(valid.text));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(tampered.map((c) => [c.name, c] as const))('refuses %s with exit 1, naming the same rules as draw verify', (_name, c) => {
    const result = run('python3', checker, protocolFile(c.text));
    expect(result.status, result.stderr).toBe(1);
    expect(namedRules(result.stderr)).toEqual(c.rules);
  });

  it('cannot read a Latin-1 file: exit 2', async () => {
    const result = run('python3', checker, protocolFile(latin1Protocol()));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cannot read .* as a JSON protocol/);
  });
});

describe("the README's short Python version", () => {
  const checker = script('check.py', recipe('README.md', 'python check.py'));
  // What it recomputes; the form of the file is left to the docs' script.
  const recomputed: ProtocolRule[] = ['canonical order', 'fingerprint', 'ranking', 'winners', 'reserves'];

  it('verifies the exported protocol, also with a byte order mark', async () => {
    for (const text of [`${JSON.stringify(exported, null, 2)}\n`, `\uFEFF${JSON.stringify(exported, null, 2)}\n`]) {
      const result = run('python3', checker, protocolFile(text));
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(exported.fingerprint);
    }
  });

  it.each(['an added winner', 'another winner', 'a dropped reserve', 'a swapped ranking', 'entries not in canonical order', 'a changed fingerprint', 'a changed reference'])(
    'refuses %s',
    (name) => {
      const c = byName(name);
      const result = run('python3', checker, protocolFile(c.text));
      expect(result.status, result.stdout).toBe(1);
      const rule = recomputed.find((r) => result.stderr.startsWith(r));
      expect(rule && c.rules.includes(rule), result.stderr).toBe(true);
    },
  );

  it('refuses an empty list and a duplicate entry', async () => {
    for (const name of ['no entries', 'a duplicate entry']) expect(run('python3', checker, protocolFile(byName(name).text)).status, name).toBe(1);
  });
});

const tools = ['sh', 'jq', 'sha256sum', 'openssl', 'iconv', 'od'];
const missing = tools.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
if (missing.length) console.warn(`Skipping the docs' shell script: ${missing.join(', ')} not installed.`);

describe.skipIf(missing.length > 0)("docs/prize-draw.md's shell script", () => {
  const checker = script('check-draw.sh', recipe('docs/prize-draw.md', 'sh check-draw.sh'));
  // The rules it recomputes from the file; the form of the file is left to the Python script.
  const recomputed = new Set<ProtocolRule>(['entries', 'canonical order', 'fingerprint', 'ranking', 'winners', 'reserves']);

  it('verifies the exported worked example and prints what draw verify prints', async () => {
    const result = run('sh', checker, protocolFile(`${JSON.stringify(exported, null, 2)}\n`));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(verifiedLine);
  });

  it.each(validProtocols().map((c) => [c.name, c] as const))('accepts %s', (_name, valid) => {
    const result = run('sh', checker, protocolFile(valid.text));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  // Every tampered file that breaks a rule it recomputes (with a seed as it stands), except the lone surrogate, which
  // jq refuses to read or silently replaces, depending on its version.
  const itsCases = tampered.filter(
    (c) => c.rules.some((rule) => recomputed.has(rule)) && c.rules.every((rule) => recomputed.has(rule) || rule === 'seed') && !c.name.includes('lone surrogate'),
  );

  it.each(itsCases.map((c) => [c.name, c] as const))(
    'refuses %s with exit 1, naming a rule it broke',
    (_name, c) => {
      const result = run('sh', checker, protocolFile(c.text));
      expect(result.status, result.stderr).toBe(1);
      expect(c.rules).toContain(namedRules(result.stderr)[0]);
    },
  );

  it('cannot read a Latin-1 file: exit 2', async () => {
    expect(run('sh', checker, protocolFile(latin1Protocol())).status).toBe(2);
  });
});
