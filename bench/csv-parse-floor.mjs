// The floor under the large-export benchmark: csv-parse alone, no options, counting records.
//   node bench/csv-parse-floor.mjs /tmp/impact-large-1000000/outcomes.csv
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const started = performance.now();
let records = 0;
createReadStream(process.argv[2])
  .pipe(parse())
  .on('data', () => records++)
  .on('end', () =>
    console.log(`${records} records in ${((performance.now() - started) / 1000).toFixed(2)} s`),
  );
