// The public API report: for every entry point of @glassbox/model (package.json "exports"),
// API Extractor writes what it exports, with signatures, to api/<entry>.api.md. Run after the
// build. `--check` (CI) fails when the surface differs from the committed report, so that a
// change to the public API is deliberate: rerun without --check and commit the new report.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const reportFolder = join(root, 'api');
const tempFolder = join(root, 'dist', '.api-temp');
mkdirSync(tempFolder, { recursive: true });

let changed = 0;
for (const [subpath, target] of Object.entries(pkg.exports)) {
  const name = subpath === '.' ? 'index' : subpath.slice(2);
  const entry = join(root, target.types);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build the package first`);
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: entry,
      compiler: { tsconfigFilePath: join(root, 'tsconfig.json') },
      apiReport: { enabled: true, reportFolder, reportTempFolder: tempFolder, reportFileName: name },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        extractorMessageReporting: { default: { logLevel: 'none' } },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
        compilerMessageReporting: { default: { logLevel: 'warning' } },
      },
    },
    configObjectFullPath: join(root, 'api', 'api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: !check, messageCallback: (m) => (m.handled = true) });
  if (result.apiReportChanged) {
    changed++;
    console.error(`${subpath}: the public API differs from api/${name}.api.md`);
  }
}
if (check && changed) {
  console.error('Run `pnpm --filter @glassbox/model api` and commit api/*.api.md if the change is intended.');
  process.exit(1);
}
console.log(
  `API report: ${Object.keys(pkg.exports).length} entry points${changed && !check ? `, ${changed} updated` : ''}`,
);
