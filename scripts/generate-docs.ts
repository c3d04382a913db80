// Writes the generated documents under docs/.
import { writeFileSync } from 'node:fs';
import { generatedDocs } from '../src/docs/index.js';

for (const [path, text] of Object.entries(generatedDocs())) {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
