import * as fs from 'node:fs';
import * as path from 'node:path';

// Bundled builds (out/*.js) ship the wasm files next to the bundle; from source (tests run through tsx)
// they are found in node_modules.
export function assetPath(fileName: string, packageRelative: string): string {
  const beside = path.join(__dirname, fileName);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(packageRelative);
}
