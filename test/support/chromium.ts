// Headless Chromium for the admin console's pictures and browser test: Debian's `chromium` package
// driven by playwright-core (whose own browser download cannot reach the network here; .ci/run
// installs the package). Each browser gets a throwaway profile and nothing from the network, and
// close() removes the profile. Used by test/e2e/console.browser.test.ts and the demo's --screenshots.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Debian's package puts it; CHROMIUM_PATH overrides. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export type ChromiumLookup = { found: true; path: string } | { found: false; path: string; reason: string };

/** The Chromium executable to drive, or why there is none (a sentence a person can act on). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const path = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (existsSync(path)) return { found: true, path };
  return { found: false, path, reason: `no Chromium at ${path}: install Debian's package (sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium executable` };
}

export interface BrowserOptions {
  /** The Chromium executable (findChromium().path). */
  executablePath: string;
  /** Every wait and navigation: generous, a loaded 2-core machine can take seconds per page. */
  timeoutMs: number;
  /** A session cookie for `origin` (the NetSuite double's server.login()). */
  login?: { origin: string; name: string; value: string };
  viewport?: { width: number; height: number };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh headless Chromium with its own profile, logged in when `login` is given. */
export async function launchChromium(options: BrowserOptions): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'mlfx-chromium-'));
  const removeProfile = () => rmSync(profile, { recursive: true, force: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: options.executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: options.viewport ?? { width: 1360, height: 900 },
      timeout: options.timeoutMs,
    });
  } catch (error) {
    removeProfile();
    throw error;
  }
  context.setDefaultTimeout(options.timeoutMs);
  context.setDefaultNavigationTimeout(options.timeoutMs);
  const close = async () => {
    try {
      await context.close();
    } finally {
      removeProfile();
    }
  };
  if (options.login) {
    try {
      await context.addCookies([{ name: options.login.name, value: options.login.value, url: options.login.origin }]);
    } catch (error) {
      await close();
      throw error;
    }
  }
  return { context, close };
}
