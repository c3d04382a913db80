// The ordered pipeline stages (pipeline_stages when imported, else the pipeline_stages
// setting), as the stage KPIs see them: the order funnels are listed in.
import type { Store } from '../store/store.js';
import { engineContext } from './engine.js';

export interface StagePosition {
  stage: string;
  position: number;
}

export async function stageOrder(store: Store): Promise<StagePosition[]> {
  const { ctx } = await engineContext(store);
  const rows = await store.query<{ stage: string; position: number }>(`SELECT stage, position FROM ${ctx.rel('stages')} s ORDER BY position, stage`);
  return rows.map((r) => ({ stage: String(r.stage), position: Number(r.position) }));
}
