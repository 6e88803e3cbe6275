// vitest globalSetup: starts the one app server and Chromium that every browser test file shares
// (test/browser.ts), provides their addresses to the files, and stops both when the run ends.

import type { TestProject } from 'vitest/node';
import { startSharedBrowser } from './browser.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = await startSharedBrowser();
  project.provide('appUrl', shared.appUrl);
  project.provide('browserEndpoint', shared.browserEndpoint);
  return () => shared.close();
}
