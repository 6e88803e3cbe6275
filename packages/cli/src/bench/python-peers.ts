// The peers the benchmarks run in Python (Debian's /usr/bin/python3, never the python3 first on
// PATH, which may lack Debian's packages): whether a module is there, and running a peer script
// under bench-peers/ whose last line of output is its JSON answer, or keeping one up to answer
// requests line by line (PythonServer).

import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

export const PYTHON = '/usr/bin/python3';

/** The module's __version__ when Debian's python3 can import it, else undefined. */
export function pythonModuleVersion(module: string): string | undefined {
  const r = spawnSync(PYTHON, ['-c', `import ${module}; print(${module}.__version__)`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * OpenMP settings for a peer on `threads` threads. On more than one, the threads sleep while idle
 * (OMP_WAIT_POLICY=PASSIVE): spinning, PyTorch 1.13's two threads ran its baby training step 1.6×
 * slower than sleeping on these 2-core VMs (~170 vs ~110 ms), so that is the peer's better setting.
 */
function ompEnv(threads: number): Record<string, string> {
  return threads > 1
    ? { OMP_NUM_THREADS: String(threads), OMP_WAIT_POLICY: 'PASSIVE' }
    : { OMP_NUM_THREADS: String(threads) };
}

function scriptPath(script: string): string {
  return new URL(`../../bench-peers/${script}`, import.meta.url).pathname;
}

/** Runs bench-peers/`script` with `args`; its last stdout line as JSON, or undefined (said on stderr). */
export function runPythonPeer<T>(
  script: string,
  args: (string | number)[],
  opts: { timeoutMs: number; threads?: number },
): T | undefined {
  const r = spawnSync(PYTHON, [scriptPath(script), ...args.map(String)], {
    encoding: 'utf8',
    timeout: opts.timeoutMs,
    env: opts.threads === undefined ? process.env : { ...process.env, ...ompEnv(opts.threads) },
  });
  if (r.status !== 0) {
    process.stderr.write(`${script} failed: ${(r.stderr ?? '').slice(-300)}\n`);
    return undefined;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

/**
 * A peer script kept running: it prints one JSON line when ready, then answers each line written to
 * its stdin with one JSON line. Between requests it waits on stdin and takes no CPU, so a bench can
 * alternate short blocks of its work with ours. close() ends its input, which ends it.
 */
export class PythonServer {
  private readonly lines: AsyncIterator<string>;
  /** Resolves once the process ended and its streams closed (all of its stderr read). */
  private readonly closed: Promise<void>;
  /** The end of what it wrote on stderr (or why it could not start). */
  private stderr = '';
  /** Set once its output ended or it was closed: later requests answer undefined without a word. */
  private ended = false;

  private constructor(
    private readonly child: ReturnType<typeof spawn>,
    private readonly script: string,
  ) {
    child.on('error', (e) => {
      this.stderr = e.message;
    });
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-300);
    });
    // A peer that died leaves a closed pipe: its next request says so (next) instead of throwing.
    child.stdin!.on('error', () => {});
    this.lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    this.closed = new Promise((resolve) => child.on('close', () => resolve()));
  }

  /** Starts bench-peers/`script` and waits for its first line; undefined (said on stderr) if it failed. */
  static async start(
    script: string,
    args: (string | number)[],
    opts: { threads?: number },
  ): Promise<PythonServer | undefined> {
    const child = spawn(PYTHON, [scriptPath(script), ...args.map(String)], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: opts.threads === undefined ? process.env : { ...process.env, ...ompEnv(opts.threads) },
    });
    const server = new PythonServer(child, script);
    return (await server.next()) === undefined ? undefined : server;
  }

  /** Sends one request line; its JSON answer, or undefined if the peer died (said once, on stderr). */
  async request<T>(line: string): Promise<T | undefined> {
    if (this.ended) return undefined;
    this.child.stdin!.write(`${line}\n`);
    return this.next<T>();
  }

  private async next<T>(): Promise<T | undefined> {
    const r = await this.lines.next();
    if (r.done) {
      this.ended = true;
      await this.closed;
      process.stderr.write(`${this.script} stopped answering: ${this.stderr || 'nothing on its stderr'}\n`);
      return undefined;
    }
    return JSON.parse(r.value) as T;
  }

  close(): void {
    this.ended = true;
    this.child.stdin!.end();
  }
}
