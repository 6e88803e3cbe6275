// Headless-browser harness for the web tests: one `vite preview` of the built app and one Debian
// Chromium (through playwright-core, never a downloaded browser) serve every test file. The global
// setup (test/global-browser.ts) starts both once and hands their addresses to the files through
// vitest's provide/inject; each file then opens its own browser context (cookies, storage and
// pages of its own) on the shared browser. Screenshots go to test-results/ as artefacts.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type BrowserServer, chromium, type Download, type Page } from 'playwright-core';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared `vite preview` (http://127.0.0.1:PORT/). */
    appUrl: string;
    /** The shared Chromium's playwright endpoint. */
    browserEndpoint: string;
  }
}

const WEB_DIR = new URL('..', import.meta.url).pathname;
export const RESULTS_DIR = join(WEB_DIR, 'test-results');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
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

export interface SharedBrowser {
  appUrl: string;
  browserEndpoint: string;
  close(): Promise<void>;
}

/** Starts the app's preview server and Chromium (the global setup calls this once per run). */
export async function startSharedBrowser(): Promise<SharedBrowser> {
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
  const appUrl = `http://127.0.0.1:${port}/`;
  let browser: BrowserServer | undefined;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(appUrl)).ok) break;
      } catch {
        // not up yet
      }
      if (i > 150) throw new Error('vite preview did not start within 15 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  } catch (e) {
    server.kill();
    throw e;
  }
  const launched = browser;
  return {
    appUrl,
    browserEndpoint: launched.wsEndpoint(),
    async close() {
      await launched.close();
      server.kill();
    },
  };
}

export interface Served {
  url: string;
  context: BrowserContext;
  /** A new page that fails the test on any console error or uncaught exception. */
  open(path?: string): Promise<Page>;
  errors: string[];
  close(): Promise<void>;
}

/** A browser context of its own on the shared browser, pointed at the shared app. */
export async function serveAndLaunch(): Promise<Served> {
  const url = inject('appUrl');
  const endpoint = inject('browserEndpoint');
  if (!url || !endpoint) {
    throw new Error(
      'no shared browser: run the web tests through vitest.config.ts (its globalSetup starts one)',
    );
  }
  const browser = await chromium.connect(endpoint);
  const context = await browser.newContext();
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
      await browser.close(); // disconnects this file; the shared browser stays up
    },
  };
}

/** A finished download's bytes (a remote browser keeps no local path: it is saved to a temp file). */
export async function downloadBytes(download: Download): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-download-'));
  try {
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
