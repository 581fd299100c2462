import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/static/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // Starts a throwaway PostgreSQL server when OMBUDSDESK_TEST_ENGINE=postgres (does nothing otherwise).
    globalSetup: ['tests/support/postgres.ts'],
  },
});
