// Four tiers: unit specs next to the code; integration specs against the real services; e2e specs that
// drive the running apps over HTTP and Kafka; fault suites that stop, kill or cut a service, on a private
// stack of their own (test/support/private-stack.ts) so a user's running stack is never taken down.
const { readFileSync } = require('node:fs');
const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;

// The suite's own namespace on the shared stack: its topics and consumer groups, Redis keys, database and
// buckets are apart from a user's, so `./scripts/test.sh` passes beside `./scripts/run.sh`'s apps whatever
// history they hold, and touches none of it. The apps the tests start inherit these.
Object.assign(process.env, {
  KAFKA_NAMESPACE: 'test.',
  REDIS_KEY_PREFIX: 'test:ms:',
  MARIADB_DATABASE: 'modelstream_test',
  S3_BUCKET_UPLOADS: 'modelstream-test-uploads',
  S3_BUCKET_RESULTS: 'modelstream-test-results',
});

const FAULT_SUITES = ['health', 'ingest-broker-restart', 'history-faults', 'schema-registry-restart', 'portal-system'].map(
  (s) => `<rootDir>/test/${s}.e2e-spec.ts`,
);
// The chaos suite (test/chaos/): on the private stack too, run on its own (`npm run test:chaos`).
const CHAOS_SUITES = ['<rootDir>/test/chaos/chaos.e2e-spec.ts'];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@modelstream/ingest-ops$': '<rootDir>/apps/ingest/src/ops',
    '^@modelstream/([a-z-]+)$': '<rootDir>/libs/$1/src',
    // the portal's SPA reaches the SDK's browser-safe modules by this alias (apps/portal/web/vite.config.ts)
    '^@sdk/(.*)$': '<rootDir>/libs/client/src/$1',
    '^@contracts/(.*)$': '<rootDir>/libs/contracts/src/$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.stack/'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      slowTestThreshold: 30,
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: [...FAULT_SUITES, ...CHAOS_SUITES],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      slowTestThreshold: 60,
    },
    {
      ...shared,
      displayName: 'faults',
      testMatch: FAULT_SUITES,
      globalSetup: '<rootDir>/test/support/faults-setup.ts',
      globalTeardown: '<rootDir>/test/support/faults-teardown.ts',
      slowTestThreshold: 60,
    },
    {
      ...shared,
      displayName: 'chaos',
      testMatch: CHAOS_SUITES,
      globalSetup: '<rootDir>/test/support/faults-setup.ts',
      globalTeardown: '<rootDir>/test/support/faults-teardown.ts',
      slowTestThreshold: 600,
    },
  ],
};
