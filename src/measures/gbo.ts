import type { MeasureDefinition } from './definition.js';

export const gbo: MeasureDefinition = {
  id: 'gbo',
  name: 'GBO',
  longName: 'Goal-Based Outcomes (mean goal score)',
  min: 0,
  max: 10,
  better: 'higher',
  decimals: true,
  reliableChange: 2.45,
  clinicalCutoff: null,
  improved: 'moved closer to their goals',
  topic: 'goals',
  source: 'Edbrooke-Childs et al. 2015, Child and Adolescent Mental Health 20(3)',
  licence:
    'Free to use (Law and Jacob, CORC). Goals are the family’s own words and are never printed: only the mean goal score is read.',
  builtIn: true,
};
