// `quotient` as a child process, from the sources: node --import tsx test/server/serve-child.ts ARGS…
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
