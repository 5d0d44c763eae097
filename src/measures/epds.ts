import type { MeasureDefinition } from './definition.js';

export const epds: MeasureDefinition = {
  id: 'epds',
  name: 'EPDS',
  longName: 'Edinburgh Postnatal Depression Scale',
  min: 0,
  max: 30,
  better: 'lower',
  decimals: false,
  reliableChange: 4,
  clinicalCutoff: 13,
  improved: 'showed fewer symptoms of perinatal depression',
  topic: 'perinatal depression',
  source:
    'Matthey 2004, Journal of Affective Disorders 78 (reliable change 4); Cox et al. 1987 (13 or more: probable depression)',
  licence:
    'The items are the copyright of the Royal College of Psychiatrists (Cox, Holden and Sagovsky 1987); they may be copied for clinical use with the citation.',
  builtIn: true,
};
