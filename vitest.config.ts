import { defineConfig } from 'vitest/config';

// Playwright specs live in e2e/; vitest only looks in test/.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
