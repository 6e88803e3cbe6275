// The peers the benchmarks run in Python (Debian's /usr/bin/python3, never the python3 first on
// PATH, which may lack Debian's packages): whether a module is there, and running a peer script
// under bench-peers/ whose last line of output is its JSON answer.

import { spawnSync } from 'node:child_process';

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

/** Runs bench-peers/`script` with `args`; its last stdout line as JSON, or undefined (said on stderr). */
export function runPythonPeer<T>(
  script: string,
  args: (string | number)[],
  opts: { timeoutMs: number; threads?: number },
): T | undefined {
  const path = new URL(`../../bench-peers/${script}`, import.meta.url).pathname;
  const r = spawnSync(PYTHON, [path, ...args.map(String)], {
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
