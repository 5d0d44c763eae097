// Runs commands in turn, round after round, and prints each one's median wall time. On a shared
// machine whose load comes and goes, this compares them under the same load; hyperfine runs all
// of one command's runs before the next command's, so a change of load between them skews a ratio.
//   node bench/alternate.mjs <runs> <warm-up runs> <name>=<command> …
// Prints JSON: each command's median, and under "rounds" each command's times in round order, so
// that a ratio can also be taken round by round: two commands of one round run within seconds
// of each other, and a slow minute of the machine then slows both alike.
// A command is split at spaces: no argument of it may hold one.
import { spawnSync } from 'node:child_process';
import rounds from './rounds.cjs';

const [runs, warmups, ...pairs] = process.argv.slice(2);
const commands = pairs.map((pair) => {
  const at = pair.indexOf('=');
  return {
    name: pair.slice(0, at),
    argv: pair
      .slice(at + 1)
      .split(' ')
      .filter(Boolean),
    times: [],
  };
});
const once = ({ argv }) => {
  const started = performance.now();
  const result = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited with ${result.status ?? result.signal}`);
  return (performance.now() - started) / 1000;
};
for (let w = 0; w < Number(warmups); w++) for (const command of commands) once(command);
for (let r = 0; r < Number(runs); r++) {
  // Each round starts with a different command, so that none always runs first.
  for (let i = 0; i < commands.length; i++) {
    const command = commands[(r + i) % commands.length];
    command.times.push(once(command));
  }
}
const medians = Object.fromEntries(commands.map((c) => [c.name, rounds.median(c.times)]));
for (const c of commands)
  console.error(
    `${c.name}: median ${medians[c.name].toFixed(3)} s over ${c.times.length} runs (${c.times.map((t) => t.toFixed(2)).join(', ')})`,
  );
console.log(
  JSON.stringify({ ...medians, rounds: Object.fromEntries(commands.map((c) => [c.name, c.times])) }),
);
