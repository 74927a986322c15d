// Dev helper: serve the built renderer in browser mode on a given data folder.
// Usage: tsx test/support/serve.ts DATA_DIR [PORT]
import { startServer } from '../../electron/http/server';

const [dataDir, port] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: tsx test/support/serve.ts DATA_DIR [PORT]\n');
  process.exit(2);
}
startServer({ dataDir, staticDir: 'dist/renderer', port: port ? Number(port) : 0 }).then((s) => {
  process.stdout.write(`${s.url}\n`);
  const stop = () => void s.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
