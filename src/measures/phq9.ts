import type { MeasureDefinition } from './definition.js';

export const phq9: MeasureDefinition = {
  id: 'phq9',
  name: 'PHQ-9',
  longName: 'Patient Health Questionnaire (depression)',
  min: 0,
  max: 27,
  better: 'lower',
  decimals: false,
  reliableChange: 6,
  clinicalCutoff: 10,
  improved: 'showed fewer symptoms of depression',
  topic: 'depression',
  source: 'NHS Talking Therapies',
  licence: 'Free to use without permission (developed by Spitzer, Williams, Kroenke and colleagues).',
  builtIn: true,
};
