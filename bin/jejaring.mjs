#!/usr/bin/env node
// The `jejaring` command. Runs the bundled pipeline in dist/, built at install and again when a
// source file is newer (scripts/build.mjs); everything else happens in pipeline/cli/main.ts.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`jejaring needs Node.js 20.19 or newer (this is ${process.versions.node})\n`);
  process.exit(1);
}
const { loadBundle } = await import('../scripts/build.mjs');
const { cli } = await loadBundle();
await cli();
