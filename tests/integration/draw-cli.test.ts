// `draw verify` as an outsider runs it: a protocol file written as Ombudsdesk exports it, checked by the command line
// in its own process, with the exit codes the docs promise (0 verified, 1 a mismatch, 2 the file cannot be read).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_RULES, type DrawProtocol } from '../../main/domain/draw.ts';
import { latin1Protocol, protocolFor, tamperedProtocols, validProtocols } from '../support/draw-protocol.ts';
import { removeTempDirs, tempDir } from '../support/temp-app.ts';

afterAll(removeTempDirs);
const cli = fileURLToPath(new URL('../../main/cli.ts', import.meta.url));

function verify(file: string) {
  return spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', cli, 'draw', 'verify', file], { encoding: 'utf8' });
}

/** Pretty-printed with a final line feed, like exportDrawProtocol writes it. */
function writeProtocol(protocol: DrawProtocol | Record<string, unknown>, name = 'prize-draw-2027-external-1.json', prefix = ''): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, `${prefix}${JSON.stringify(protocol, null, 2)}\n`, 'utf8');
  return file;
}

describe('npm run cli -- draw verify', () => {
  const references = ['2027-00108', '2027-00017', '2027-00042', '2027-00003', '2027-00021'];
  const good = protocolFor(references, '3 6 1 4 2 5');

  it('verifies a correct protocol: exit 0 with the fingerprint, the number of entries and the winners', async () => {
    const result = verify(writeProtocol(good));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(`Protocol verified: fingerprint ${good.fingerprint}, 5 entries, winners: ${good.winners.join(', ')}`);
    expect(result.stderr).toBe('');
  });

  it('still verifies the file after a Windows editor saved it with a byte order mark', async () => {
    expect(verify(writeProtocol(good, 'saved-in-notepad.json', '\uFEFF')).status).toBe(0);
  });

  it('exits 1 and names the fingerprint when one reference in the entries was changed', async () => {
    // 2027-00042 -> 2027-00043 keeps the list in canonical order, so only the hash can notice.
    const entries = good.entries.map((ref) => (ref === '2027-00042' ? '2027-00043' : ref));
    const result = verify(writeProtocol({ ...good, entries }));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('fingerprint');
    expect(result.stderr).toMatch(new RegExp(`^fingerprint mismatch: the file says ${good.fingerprint}, its entries give [0-9a-f]{64}$`, 'm'));
    expect(result.stderr).toContain('Protocol NOT verified.');
  });

  it('exits 1 for a file that is JSON but not a draw protocol', async () => {
    const result = verify(writeProtocol({ hello: 'world' }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^structure: /m);
  });

  // docs/prize-draw.md section 7, one tampered file per rule: exit 1, and a line for each broken rule that starts with
  // its name. Before the rules were written down, most of these verified with exit 0.
  it.each(tamperedProtocols().map((c) => [c.name, c] as const))('exits 1 for %s and names the rule', (_name, tampered) => {
    const file = path.join(tempDir(), 'tampered.json');
    writeFileSync(file, tampered.text, 'utf8');
    const result = verify(file);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('Protocol NOT verified.');
    const named = lines.slice(0, -1).map((line) => PROTOCOL_RULES.find((rule) => line.startsWith(rule)));
    expect(named, result.stderr).not.toContain(undefined);
    expect([...new Set(named)]).toEqual(tampered.rules);
  });

  it.each(validProtocols().map((c) => [c.name, c] as const))('exits 0 for %s', (_name, valid) => {
    const file = path.join(tempDir(), 'valid.json');
    writeFileSync(file, valid.text, 'utf8');
    const result = verify(file);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('exits 2 for a protocol saved in Latin-1 instead of UTF-8, instead of reading it with U+FFFD', async () => {
    const file = path.join(tempDir(), 'latin1.json');
    writeFileSync(file, latin1Protocol());
    const result = verify(file);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^ombudsdesk: cannot read .*latin1\.json as a JSON protocol \(the file is not valid UTF-8\)\.$/m);
  });

  it('exits 2 with one sentence for a file that is not JSON, and for a file that does not exist', async () => {
    const garbage = path.join(tempDir(), 'protocol.json');
    writeFileSync(garbage, '%PDF-1.7 this is the printed protocol, not the JSON one');
    const notJson = verify(garbage);
    expect(notJson.status).toBe(2);
    expect(notJson.stdout).toBe('');
    expect(notJson.stderr.trim().split('\n')).toHaveLength(1);
    expect(notJson.stderr).toMatch(/^ombudsdesk: cannot read .*protocol\.json as a JSON protocol \(.+\)\.$/m);

    const missing = verify(path.join(tempDir(), 'no-such-protocol.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('cannot read');
  });
});
