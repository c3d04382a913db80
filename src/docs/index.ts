// Every generated document and where it lives.
import { renderDataModelDoc } from './data-model-doc.js';
import { renderKpisDoc } from './kpis-doc.js';

export function generatedDocs(): Record<string, string> {
  return {
    'docs/data-model.md': renderDataModelDoc(),
    'docs/kpis.md': renderKpisDoc(),
  };
}
