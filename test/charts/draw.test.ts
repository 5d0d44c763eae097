import { describe, expect, it } from 'vitest';
import { drawCharts, drawChartsGivingWay } from '../../src/charts/draw.js';
import { buildReportModel } from '../../src/report/build.js';
import { grant, organisation, reportedFor, statsModel } from '../report/stats-fixture.js';

const model = () =>
  buildReportModel({
    stats: statsModel(),
    grant,
    reported: reportedFor(grant),
    organisation,
    disclosure: { minCell: 5, minDenominator: 10 },
  });

describe('drawChartsGivingWay', () => {
  it('draws the same charts as drawCharts, each once, in the same places', async () => {
    const plain = drawCharts(model());
    const givingWay = await drawChartsGivingWay(model());
    expect(givingWay).toEqual(plain);
    const svgs = JSON.stringify(givingWay).match(/data:image\/svg\+xml;base64,/g) ?? [];
    expect(svgs.length).toBeGreaterThan(2);
  });

  it('lets other work run between the charts', async () => {
    const ran: number[] = [];
    let turns = 0;
    const tick = () => {
      turns++;
      if (turns < 100) setImmediate(tick);
    };
    setImmediate(tick);
    const drawing = drawChartsGivingWay(model()).then(() => ran.push(turns));
    await drawing;
    // A synchronous drawing would let no turn of the event loop pass until it had finished.
    expect(ran[0]).toBeGreaterThan(1);
  });
});
