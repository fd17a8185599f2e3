// The hook for the admin console's screenshots (`--screenshots <dir>`). The console (a Suitelet
// built with N/ui/serverWidget, driven in headless Chromium by its own test) is built in another
// part of issue 10; once it lands, `takeConsoleScreenshots` below calls its screenshot function with
// the demo's account, which by then holds the demo's real data: shipments of every status, the
// failures replayed, a void, deliveries. Until then the demo says so and carries on.
import type { DemoAccount } from './account';

export interface ScreenshotRequest {
  /** Where to write the PNG files. */
  dir: string;
  /** The demo's account, listening over HTTP (server.origin), and the admin's session header. */
  account: DemoAccount;
  /** Shipment record ids worth a picture: one replayed after a failure, one voided, one delivered. */
  shipments: { replayed?: number; voided?: number; delivered?: number };
}

export interface ScreenshotOutcome {
  dir: string;
  files: string[];
  note?: string;
}

export async function takeConsoleScreenshots(request: ScreenshotRequest): Promise<ScreenshotOutcome> {
  return {
    dir: request.dir,
    files: [],
    note: 'no screenshots taken: the admin console Suitelet and its browser driver are not in this build yet (wire its screenshot function into scripts/demo/screenshots.ts)',
  };
}
