// Child process of the demo benchmark: generates demo CSV files while sampling resident memory,
// and prints the samples as JSON, so "memory stays flat" can be read off the numbers.
import { generateDemoCsv } from '../src/demo/index.js';

const [out, opportunities] = process.argv.slice(2);
const samples: { seconds: number; rows: number; rssMiB: number }[] = [];
const started = performance.now();
let rows = 0;
const timer = setInterval(() => samples.push({ seconds: (performance.now() - started) / 1000, rows, rssMiB: process.memoryUsage().rss / 2 ** 20 }), 1000);
await generateDemoCsv(out, { seed: 7, reps: 400, months: 36, opportunities: Number(opportunities), asOf: '2026-11-23', onProgress: (entity, n) => { if (entity === 'opportunities') rows = n; } });
clearInterval(timer);
process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000, maxRssMiB: process.resourceUsage().maxRSS / 1024, samples }) + '\n');
