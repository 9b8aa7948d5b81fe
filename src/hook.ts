/**
 * dist/hook.js: a few lines that turn on Node's compile cache (Node 22.1+; a no-op before) and then load the hook
 * (dist/hookImpl.js), so that from the second run on the hook's code is not compiled again. An agent runs the hook
 * before every tool call, and most agents fail open when a hook is slow.
 */
import * as nodeModule from 'node:module';

(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./hookImpl.js');
