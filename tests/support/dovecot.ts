// A real IMAP server for the tests: Debian's Dovecot (dovecot-imapd, 2.3 configuration syntax), started in the foreground
// with a temporary configuration on a free loopback port, a Maildir in a temp folder and one passwd-file user. Plain
// text login without TLS is allowed (loopback only). Returns null with the reason when Dovecot is not installed.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const DOVECOT = '/usr/sbin/dovecot';

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  dir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function dovecotMissing(): string | null {
  if (!existsSync(DOVECOT)) return `${DOVECOT} is not installed (Debian package dovecot-imapd; .ci/run installs it)`;
  try {
    const version = execFileSync(DOVECOT, ['--version'], { encoding: 'utf8' }).trim();
    if (!version.startsWith('2.3')) return `Dovecot ${version}: this test's configuration is written for 2.3`;
  } catch (error) {
    return `dovecot --version failed: ${String(error)}`;
  }
  return null;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not listen on ${port}: ${log()}`);
}

export async function startDovecot(dir: string): Promise<Dovecot> {
  const port = await freePort();
  const user = 'office';
  const password = 'mailbox-secret-42';
  const root = process.getuid?.() === 0;
  // As root, Dovecot drops to an unprivileged user; otherwise it runs entirely as the current user.
  const account = root ? 'nobody' : os.userInfo().username;
  const group = root ? execFileSync('id', ['-gn', 'nobody'], { encoding: 'utf8' }).trim() : execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
  for (const sub of ['mail', 'run', 'run/state']) mkdirSync(path.join(dir, sub), { recursive: true });
  chmodSync(path.join(dir, 'mail'), 0o777);
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/run/state
instance_name = ombudsdesk-test-${port}
default_internal_user = ${account}
default_login_user = ${account}
default_internal_group = ${group}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${dir}/dovecot.log
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/users
}
userdb {
  driver = static
  args = uid=${account} gid=${group} home=${dir}/mail/%u
}
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  let output = '';
  const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForPort(port, child, () => output);
  return {
    port,
    user,
    password,
    dir,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
