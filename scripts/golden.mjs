/**
 * `npm run golden`: after a deliberate change, copy each `<name>-changed.<ext>` that the golden
 * tests wrote over its golden file (test/golden/). Never run by CI: look at the diff first.
 */
import { readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

const accept = (dir) => {
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) accept(path);
    else if (/-changed(\.[^./]+)+$/.test(f)) {
      const golden = path.replace(/-changed(\.[^./]+(\.[^./]+)?)$/, '$1');
      renameSync(path, golden);
      console.log(`golden updated: ${golden}`);
    }
  }
};
accept(new URL('../test/golden', import.meta.url).pathname);
