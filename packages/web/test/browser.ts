// Headless-browser harness for the web tests: serves the built app with `vite preview` on a free
// port and drives Debian's Chromium through playwright-core (never a downloaded browser).
// Screenshots go to test-results/ as artefacts.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

const WEB_DIR = new URL('..', import.meta.url).pathname;
export const RESULTS_DIR = join(WEB_DIR, 'test-results');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Served {
  url: string;
  context: BrowserContext;
  /** A new page that fails the test on any console error or uncaught exception. */
  open(path?: string): Promise<Page>;
  errors: string[];
  close(): Promise<void>;
}

export async function serveAndLaunch(): Promise<Served> {
  if (!existsSync(join(WEB_DIR, 'dist', 'index.html'))) {
    throw new Error('packages/web/dist is missing: build the app first (pnpm build)');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  const port = await freePort();
  const server: ChildProcess = spawn(
    join(WEB_DIR, 'node_modules', '.bin', 'vite'),
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: WEB_DIR, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 150) throw new Error('vite preview did not start within 15 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const profile = mkdtempSync(join(tmpdir(), 'glassbox-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const errors: string[] = [];
  return {
    url,
    context,
    errors,
    async open(path = '') {
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        // A missing favicon is harmless noise.
        if (m.type() === 'error' && !m.text().includes('favicon')) errors.push(`console: ${m.text()}`);
      });
      await page.goto(url + path);
      return page;
    },
    async close() {
      await context.close();
      server.kill();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
