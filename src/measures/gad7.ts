import type { MeasureDefinition } from './definition.js';

export const gad7: MeasureDefinition = {
  id: 'gad7',
  name: 'GAD-7',
  longName: 'Generalised Anxiety Disorder scale (anxiety)',
  min: 0,
  max: 21,
  better: 'lower',
  decimals: false,
  reliableChange: 4,
  clinicalCutoff: 8,
  improved: 'showed fewer symptoms of anxiety',
  topic: 'anxiety',
  source: 'NHS Talking Therapies',
  licence: 'Free to use without permission (developed by Spitzer, Kroenke, Williams and Löwe).',
  builtIn: true,
};
