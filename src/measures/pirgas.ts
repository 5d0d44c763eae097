import type { MeasureDefinition } from './definition.js';

export const pirgas: MeasureDefinition = {
  id: 'pirgas',
  name: 'PIRGAS',
  longName: 'Parent-Infant Relationship Global Assessment Scale',
  min: 1,
  max: 100,
  better: 'higher',
  decimals: false,
  reliableChange: 10,
  clinicalCutoff: 40,
  improved: 'showed an improved relationship with their baby',
  topic: 'relationship',
  source:
    'DC:0-3R bands (40 or below: disordered); one 10-point band as reliable change is this tool’s documented local rule',
  licence:
    'Part of the DC:0-3R and DC:0-5 classifications (ZERO TO THREE). A clinician’s rating of the relationship, not a questionnaire.',
  builtIn: true,
};
