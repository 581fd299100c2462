import { describe, expect, it } from 'vitest';
import {
  base64DecodedSize,
  FALLBACK_FILE_NAME,
  isBase64,
  MAX_ATTACHMENT_BASE64_CHARS,
  MAX_ATTACHMENT_BYTES,
  MAX_FILE_NAME_BYTES,
  safeFileName,
} from '../../main/domain/attachments.ts';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // one emoji of 18 bytes

// [name as it arrived, name to store and save it under]
const NAMES: [string, string][] = [
  // Kept as they are.
  ['Brief vom 20.11.2026 (Kopie).pdf', 'Brief vom 20.11.2026 (Kopie).pdf'],
  ['Straßenschäden – Foto 1.jpeg', 'Straßenschäden – Foto 1.jpeg'],
  ['.hidden', '.hidden'],
  ['CONSOLE.txt', 'CONSOLE.txt'],
  ['nul-report.pdf', 'nul-report.pdf'],
  ['auxiliary.doc', 'auxiliary.doc'],
  ['COM10.txt', 'COM10.txt'],
  ['LPT.txt', 'LPT.txt'],
  // NFC: a decomposed umlaut (as macOS names files) becomes the composed one.
  ['Ma\u0308rz.pdf', 'M\u00e4rz.pdf'],
  // Windows device names, in any case, with any extension, also COM/LPT with 0 and superscript digits.
  ['CON', '_CON'],
  ['NUL.txt', '_NUL.txt'],
  ['nul.tar.gz', '_nul.tar.gz'],
  ['Con .txt', '_Con .txt'],
  ['prn.', '_prn'],
  ['AUX', '_AUX'],
  ['com1.log', '_com1.log'],
  ['COM0', '_COM0'],
  ['COM9.txt', '_COM9.txt'],
  ['LPT9', '_LPT9'],
  ['lpt0.pdf', '_lpt0.pdf'],
  ['COM¹.txt', '_COM¹.txt'],
  ['com²', '_com²'],
  ['LPT³.doc', '_LPT³.doc'],
  ['CONIN$', '_CONIN$'],
  // NTFS alternate data streams and what else Windows refuses.
  ['file.txt:stream', 'file.txt_stream'],
  ['file.txt::$DATA', 'file.txt__$DATA'],
  ['bad|name?.pdf', 'bad_name_.pdf'],
  ['<a>"b"*c.txt', '_a__b__c.txt'],
  // Separators and everything that looks like one.
  ['a/b', 'a_b'],
  ['a\\b', 'a_b'],
  ['../../ombudsdesk.sqlite', '.._.._ombudsdesk.sqlite'],
  ['a\u2215b.txt', 'a_b.txt'],
  ['a\u2044b.txt', 'a_b.txt'],
  ['a\u29F8b.txt', 'a_b.txt'],
  ['x\uFF0Fy.txt', 'x_y.txt'],
  ['x\uFF3Cy.txt', 'x_y.txt'],
  ['a\u29F5b.txt', 'a_b.txt'],
  ['a\u2216b.txt', 'a_b.txt'],
  ['a\uFE68b.txt', 'a_b.txt'],
  // Control characters, line breaks, bidi overrides and isolates, a lone surrogate.
  ['tab\there', 'tab_here'],
  ['brief\u0000.pdf', 'brief_.pdf'],
  ['del\u007f', 'del_'],
  ['c1\u0085', 'c1_'],
  ['zeile\r\numbruch.pdf', 'zeile__umbruch.pdf'],
  ['line\u2028sep', 'line_sep'],
  ['invoice\u202Efdp.exe', 'invoice_fdp.exe'],
  ['iso\u2067late', 'iso_late'],
  ['half\uD800.txt', 'half_.txt'],
  // Trailing dots and spaces (Windows drops them), leading spaces.
  ['report.', 'report'],
  ['report. . .', 'report'],
  ['report.pdf   ', 'report.pdf'],
  ['   report.pdf', 'report.pdf'],
  // Nothing left, or only dots.
  ['', FALLBACK_FILE_NAME],
  [' ', FALLBACK_FILE_NAME],
  ['.', FALLBACK_FILE_NAME],
  ['..', FALLBACK_FILE_NAME],
  ['...', FALLBACK_FILE_NAME],
  // At most 255 UTF-8 bytes, the extension kept, no character cut in half.
  ['x'.repeat(300), 'x'.repeat(255)],
  [`${'x'.repeat(300)}.pdf`, `${'x'.repeat(251)}.pdf`],
  [`${'ä'.repeat(200)}.pdf`, `${'ä'.repeat(125)}.pdf`],
  [`${family.repeat(20)}.txt`, `${family.repeat(13)}.txt`],
  [`a.${'b'.repeat(300)}`, `a.${'b'.repeat(253)}`],
  [`${'x'.repeat(252)}. .pdf`.slice(0, 255), `${'x'.repeat(252)}`],
  [`${'x'.repeat(260)} .pdf`, `${'x'.repeat(251)}.pdf`],
  // A cut that leaves a device name before the extension still gets its '_'.
  [`NUL${' '.repeat(300)}x.pdf`, `_NUL${' '.repeat(247)}.pdf`],
];


describe('attachment rules', () => {
  it('knows the decoded size of base64 from its length and padding alone', () => {
    for (let size = 0; size <= 40; size++) {
      const text = Buffer.alloc(size, 0xab).toString('base64');
      expect(base64DecodedSize(text), `${size} bytes`).toBe(size);
      expect(isBase64(text)).toBe(true);
    }
    expect(base64DecodedSize('x'.repeat(MAX_ATTACHMENT_BASE64_CHARS))).toBeGreaterThan(MAX_ATTACHMENT_BYTES);
  });

  it('accepts only canonical base64', () => {
    for (const text of ['QUJD\nREVG', 'QUJ', 'QU=D', 'QUJD=', '====', 'QUJD REVG', 'QUJD-_8=']) expect(isBase64(text), text).toBe(false);
    expect(isBase64('')).toBe(true);
  });

  it.each(NAMES)('makes %j safe to save as %j', (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });

  it('gives names that are short enough, hold nothing Windows, macOS or Linux refuse, and stay as they are when made safe again', () => {
    const RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])\s*(\.|$)/i;
    const random = Array.from({ length: 300 }, (_, i) =>
      Array.from({ length: (i * 7) % 300 }, (_, j) => String.fromCodePoint([0x2f, 0x2e, 0x20, 0x3a, 0x41, 0xe4, 0x2215, 0xd800, 0x1f600, 0x202e][(i * 31 + j * 17) % 10]!)).join(''),
    );
    for (const name of [...NAMES.map(([input]) => input), ...random]) {
      const safe = safeFileName(name);
      expect(bytes(safe), JSON.stringify(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(safe.length).toBeGreaterThan(0);
      expect(safe, JSON.stringify(name)).not.toMatch(/[\p{Cc}\p{Cs}<>:"/\\|?*\u2215\u2044\u29F8\uFF0F\uFF3C\u29F5\u2216\uFE68\u202E]|[. ]$/u);
      expect(safe).not.toMatch(RESERVED);
      expect(safe.normalize('NFC')).toBe(safe);
      expect(safeFileName(safe), JSON.stringify(name)).toBe(safe);
    }
  });
});
