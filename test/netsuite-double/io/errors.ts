// Errors thrown by the I/O modules (N/https, N/crypto, N/encode, N/file, N/url, N/task), shaped
// as NetSuite's error.SuiteScriptError: scripts branch on `name`, so every error carries one.
// Kept as one small adapter so the I/O modules share the core's error type once it exists.

export interface IoSuiteScriptError extends Error {
  readonly type: 'error.SuiteScriptError';
  readonly id: string;
  readonly cause: unknown;
  readonly notifyOff: boolean;
  readonly userFacing: boolean;
}

export function ioError(name: string, message: string): IoSuiteScriptError {
  const error = new Error(message) as Error & Record<string, unknown>;
  error.name = name;
  Object.assign(error, { type: 'error.SuiteScriptError', id: '', cause: undefined, notifyOff: false, userFacing: true });
  return error as unknown as IoSuiteScriptError;
}
