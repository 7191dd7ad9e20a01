import { pino } from 'pino';
import { createLogger } from './app.ts';
import { type AppConfig, ConfigError, loadConfig } from './platform/config/config.ts';
import { startServer } from './server.ts';
import { MODULE_CONFIG } from './modules.ts';

let config: AppConfig;
try {
  config = loadConfig(process.env, MODULE_CONFIG);
} catch (error) {
  // No configuration, so no configured logger: the same JSON lines at the default level.
  const problem = error instanceof ConfigError ? { msg: error.message } : { err: error };
  pino().fatal(problem, 'WorkBridge cannot start');
  process.exit(1);
}
const logger = createLogger(config);
try {
  const running = await startServer(config, logger);
  logger.info({ url: running.url }, `WorkBridge 就业桥 is serving at ${running.url}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: shutting down`);
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  logger.fatal({ err: error }, 'WorkBridge could not start');
  process.exit(1);
}
