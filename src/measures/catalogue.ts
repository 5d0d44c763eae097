import { core10 } from './core10.js';
import type { CompositeDefinition, MeasureDefinition } from './definition.js';
import { epds } from './epds.js';
import { gad7 } from './gad7.js';
import { gbo } from './gbo.js';
import { phq9 } from './phq9.js';
import { pirgas } from './pirgas.js';
import { wemwbs } from './wemwbs.js';

/**
 * The built-in measures of data.md §6, in report order. A new built-in measure is a file beside
 * this one and an entry here; schema, ingest, statistics, report and documentation follow.
 */
export const BUILT_IN_MEASURES: readonly MeasureDefinition[] = [
  pirgas,
  phq9,
  gad7,
  epds,
  core10,
  wemwbs,
  gbo,
];

/** The built-in composite: PHQ-9 and/or GAD-7, as NHS Talking Therapies reads them. */
export const BUILT_IN_COMPOSITES: readonly CompositeDefinition[] = [
  {
    id: 'mentalHealth',
    name: 'PHQ-9 and/or GAD-7',
    longName: 'Mental health: depression or anxiety',
    measures: [phq9.id, gad7.id],
    improved: 'showed improved mental health as measured by the PHQ-9 and/or GAD-7',
    recoveredFrom: 'depression or anxiety',
    bothPaired: true,
    builtIn: true,
  },
];

export const BUILT_IN_IDS: readonly string[] = BUILT_IN_MEASURES.map((m) => m.id);
