/** dist/recheck.js: the regex safety analysis (recheck), bundled apart and loaded on first use by redos.ts. */
export { checkSync } from 'recheck';
