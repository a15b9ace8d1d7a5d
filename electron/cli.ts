// Entry of the `zonedesk` command (bundled to dist/node/cli.cjs).
import { main } from './cli/main';

main(process.argv.slice(2)).then((code) => {
  if (code !== undefined) process.exitCode = code;
});
