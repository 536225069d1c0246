import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // a secret for the shared editions, so that no test writes .jejaring-secret into a fixture folder
    env: { SOURCE_DATE_EPOCH: '1700000000', JEJARING_SECRET: 'test-secret' },
  },
});
