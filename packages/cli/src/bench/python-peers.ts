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
    env: opts.threads === undefined ? process.env : { ...process.env, OMP_NUM_THREADS: String(opts.threads) },
  });
  if (r.status !== 0) {
    process.stderr.write(`${script} failed: ${(r.stderr ?? '').slice(-300)}\n`);
    return undefined;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}
