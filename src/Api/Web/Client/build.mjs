// Bundles the pages' modules and stylesheet into one folder (argument 1), minified, with no source maps shipped.
// The Api embeds that folder and serves it fingerprinted, precompressed and same-origin (docs/web.md).
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <output folder>');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: ['src/app.js', 'src/app.css', 'src/dashboard.js', 'src/icon.svg', 'src/diary.js', 'src/journal.js'],
  loader: { '.svg': 'copy' },
  outdir: out,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  legalComments: 'none',
  logLevel: 'warning',
});
