// No import circles in main/, preload/ and the renderer (type-only imports included), checked with dependency-cruiser
// against .dependency-cruiser.cjs. A circle makes modules load half-initialised and keeps areas from being taken apart.
import { cruise } from 'dependency-cruiser';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './build-output.ts';

describe('imports', () => {
  it('form no circle in main/, preload/ and renderer/src', async () => {
    const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs')) as { forbidden: unknown[]; options: Record<string, unknown> };
    const tsConfig = JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as unknown;
    const previous = process.cwd();
    process.chdir(root);
    try {
      const result = await cruise(['main', 'preload', 'renderer/src'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } } as never, undefined, {
        tsConfig,
      } as never);
      const output = result.output as { summary: { totalCruised: number; violations: { from: string; to: string; rule: { name: string }; cycle?: { name: string }[] }[] } };
      expect(output.summary.totalCruised).toBeGreaterThan(150);
      const circles = output.summary.violations.map((v) => [v.from, ...(v.cycle ?? []).map((step) => step.name)].join(' -> '));
      expect(circles).toEqual([]);
    } finally {
      process.chdir(previous);
    }
  }, 60_000);
});
