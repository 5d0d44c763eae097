import type { MeasureDefinition } from './definition.js';

export const wemwbs: MeasureDefinition = {
  id: 'wemwbs',
  name: 'WEMWBS',
  longName: 'Warwick-Edinburgh Mental Wellbeing Scale',
  min: 14,
  max: 70,
  better: 'higher',
  decimals: false,
  reliableChange: 3,
  clinicalCutoff: null,
  improved: 'showed improved mental wellbeing',
  topic: 'wellbeing',
  source:
    'Warwick Medical School (WEMWBS FAQ): “about 3 or more points can be considered significant”; not a diagnostic scale, so no cut-off',
  licence:
    'Copyright of the University of Warwick; free to use, but each organisation must register for a free licence first.',
  builtIn: true,
};
