import { describe, expect, it } from 'vitest';
import { base64DecodedSize, fileNameProblem, isBase64, MAX_ATTACHMENT_BASE64_CHARS, MAX_ATTACHMENT_BYTES } from '../../main/domain/attachments.ts';

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

  it('refuses file names that could leave the folder, hide their extension or break a line', () => {
    expect(fileNameProblem('Brief vom 20.11.2026 (Kopie).pdf')).toBeNull();
    expect(fileNameProblem('Straßenschäden – Foto 1.jpeg')).toBeNull();
    expect(fileNameProblem('.hidden')).toBeNull();
    expect(fileNameProblem('a/b')).toBe('path_separator');
    expect(fileNameProblem('a\\b')).toBe('path_separator');
    expect(fileNameProblem('tab\there')).toBe('control_character');
    expect(fileNameProblem('del\u007f')).toBe('control_character');
    expect(fileNameProblem('c1\u0085')).toBe('control_character');
    expect(fileNameProblem('invoice\u202Efdp.exe')).toBe('control_character');
    expect(fileNameProblem('iso\u2067late')).toBe('control_character');
    expect(fileNameProblem('.')).toBe('reserved_name');
    expect(fileNameProblem('..')).toBe('reserved_name');
    expect(fileNameProblem(' ')).toBe('empty');
  });
});
