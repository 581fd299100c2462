// Stops npm install / npm test on a Node.js older than the project needs, with one sentence instead of a stack trace
// (better-sqlite3 13 and the build tools need Node 22.12; on older Node they crash far from the cause).
import { readFileSync } from 'node:fs';

const required = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node.replace(/^>=\s*/, '');
const [major, minor] = process.versions.node.split('.').map(Number);
const [needMajor, needMinor] = required.split('.').map(Number);
if (major < needMajor || (major === needMajor && minor < needMinor)) {
  console.error(`Ombudsdesk needs Node.js ${required} or newer, but this is Node.js ${process.versions.node}: install Node 24 LTS (see README, "Old Node on your machine?") and run the command again.`);
  process.exit(1);
}
