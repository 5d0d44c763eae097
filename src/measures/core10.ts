import type { MeasureDefinition } from './definition.js';

export const core10: MeasureDefinition = {
  id: 'core10',
  name: 'CORE-10',
  longName: 'Clinical Outcomes in Routine Evaluation (10 items)',
  min: 0,
  max: 40,
  better: 'lower',
  decimals: false,
  reliableChange: 6,
  clinicalCutoff: 11,
  improved: 'showed less psychological distress',
  topic: 'distress',
  source: 'Barkham et al. 2013, Counselling and Psychotherapy Research 13(1)',
  licence: 'Copyright of the CORE System Trust; free to use and copy, but not to change.',
  builtIn: true,
};
