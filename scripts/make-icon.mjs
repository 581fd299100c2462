// Draws the app icon (a speech bubble with a check mark on the office blue) as a 512x512 PNG, without image libraries.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const pixels = Buffer.alloc(SIZE * SIZE * 4);
const blue = [31, 95, 174, 255];
const white = [255, 255, 255, 255];

function inRoundedSquare(x, y, margin, radius) {
  const lo = margin;
  const hi = SIZE - margin;
  if (x < lo || x > hi || y < lo || y > hi) return false;
  const cx = x < lo + radius ? lo + radius : x > hi - radius ? hi - radius : x;
  const cy = y < lo + radius ? lo + radius : y > hi - radius ? hi - radius : y;
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}
function inBubble(x, y) {
  const inEllipse = ((x - 256) / 170) ** 2 + ((y - 236) / 130) ** 2 <= 1;
  const inTail = y > 320 && y < 410 && x > 150 && x < 230 && x - 150 < (410 - y) * 0.9;
  return inEllipse || inTail;
}
function onCheck(x, y) {
  const distance = (ax, ay, bx, by) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
  };
  return Math.min(distance(190, 240, 240, 290), distance(240, 290, 330, 190)) < 18;
}
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    let color = [0, 0, 0, 0];
    if (inRoundedSquare(x, y, 24, 96)) color = blue;
    if (color === blue && inBubble(x, y)) color = white;
    if (color === white && onCheck(x, y)) color = blue;
    pixels.set(color, (y * SIZE + x) * 4);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8);
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../resources/icon.png', import.meta.url), png);
console.log(`resources/icon.png: ${png.length} bytes`);
