import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { holdOptimisingCompiler, optimisingCompilerHeld, releaseOptimisingCompiler } from '../src/jit.js';

describe('the optimising compiler held back for the start of a PDF run', () => {
  afterEach(() => releaseOptimisingCompiler());

  it('is held once and released once, however often either is asked', () => {
    expect(optimisingCompilerHeld()).toBe(false);
    holdOptimisingCompiler();
    holdOptimisingCompiler();
    expect(optimisingCompilerHeld()).toBe(true);
    releaseOptimisingCompiler();
    expect(optimisingCompilerHeld()).toBe(false);
    releaseOptimisingCompiler();
    expect(optimisingCompilerHeld()).toBe(false);
  });

  it('really stops V8 optimising a hot function, and lets it again once released', () => {
    // V8's own status bits (%GetOptimizationStatus): 16 = compiled by TurboFan.
    const script = `
      import { setFlagsFromString } from 'node:v8';
      const status = () => {
        const hot = new Function('a', 'b', 'return a * b + 1');
        %PrepareFunctionForOptimization(hot);
        hot(1, 2);
        hot(2, 3);
        %OptimizeFunctionOnNextCall(hot);
        hot(1, 2);
        return (%GetOptimizationStatus(hot) & 16) !== 0;
      };
      setFlagsFromString('--no-turbofan');
      const held = status();
      setFlagsFromString('--turbofan');
      console.log(JSON.stringify({ held, released: status() }));
    `;
    const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ held: false, released: true });
  });
});
