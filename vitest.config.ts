import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    testTimeout: 20000,
    // The SDK warns once per process that its 2027 releases need Node 22; package-lock.json pins
    // today's SDK, so in test logs the notice is noise. Users get one line instead (bin/node-support.js).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
