/**
 * The project's own folder and version. This file sits directly in `pipeline/`, as the bundle does
 * in `dist/`, so that `..` is the project folder in both (templates, locales, package.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A file of the project, e.g. `templates/report.hbs`. */
export const projectFile = (path: string) => join(PROJECT_ROOT, path);

export const VERSION = (JSON.parse(readFileSync(projectFile('package.json'), 'utf8')) as { version: string }).version;
