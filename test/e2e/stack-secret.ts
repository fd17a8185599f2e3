// The HMAC secret the e2e stack's relay and its NetSuite accounts share. Its own module (no vitest),
// so code outside the test runner (the demo) can set up accounts with connector-account.ts.
export const STACK_SECRET = 'e2e-shared-secret-between-netsuite-and-relay-0123';
