/**
 * One app instance as production runs it (startServer), for the two-process realtime test:
 * configured by the environment, it prints its URL as one JSON line and stops on SIGTERM.
 */
import { loadConfig } from '../../services/platform/config/config.ts';
import { startServer } from '../../services/server.ts';

const running = await startServer(
  loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'warn' }),
);
process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
process.once('SIGTERM', () => {
  void running.stop().finally(() => process.exit(0));
});
