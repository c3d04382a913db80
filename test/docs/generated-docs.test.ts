// Generated documents must match what the code generates: run `npm run docs` after changing the model or catalog.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedDocs } from '../../src/docs/index.js';

describe('generated docs', () => {
  for (const [path, text] of Object.entries(generatedDocs())) {
    it(`${path} is up to date (run npm run docs)`, () => {
      expect(readFileSync(path, 'utf8')).toBe(text);
    });
  }
});
