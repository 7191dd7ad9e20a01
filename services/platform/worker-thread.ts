import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on a module of the app given by its TypeScript URL (`new URL('./x.ts',
 * import.meta.url)`): in the compiled app (dist/) the `.js` file beside the caller, under tsx and
 * vitest the TypeScript source, loaded through tsx's API (a worker does not inherit the app's
 * loader, and Node 20 does not apply `--import` loaders to workers).
 */
export function startModuleWorker(entry: URL, callerUrl: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), options);
  const tsxApi = pathToFileURL(createRequire(callerUrl).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(tsxApi)})
    .then(({ tsImport }) => tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(callerUrl)}))
    .catch((error) => setImmediate(() => { throw error; }));`;
  return new Worker(bootstrap, { ...options, eval: true });
}
