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

  it('in a batch, compiles optimised only code that runs four times as long as it would take otherwise', () => {
    // Optimised synchronously (--no-concurrent-recompilation), so the count of calls is exact.
    const jit = new URL('../src/jit.ts', import.meta.url).href;
    const script = `
      import { holdOptimisingCompiler, releaseOptimisingCompiler } from '${jit}';
      const status = new Function('f', 'return %GetOptimizationStatus(f)');
      const callsToOptimise = () => {
        const hot = new Function('n', 'let s = 0; for (let i = 0; i < n; i++) s += i * 2; return s;');
        let calls = 0;
        for (; calls < 5000 && (status(hot) & 16) === 0; calls++) hot(100);
        return calls;
      };
      holdOptimisingCompiler();
      releaseOptimisingCompiler();
      const plain = callsToOptimise();
      holdOptimisingCompiler();
      releaseOptimisingCompiler({ batch: true });
      const batch = callsToOptimise();
      console.log(JSON.stringify({ plain, batch }));
    `;
    const run = spawnSync(
      process.execPath,
      [
        '--allow-natives-syntax',
        '--no-concurrent-recompilation',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    const { plain, batch } = JSON.parse(run.stdout) as { plain: number; batch: number };
    expect(plain).toBeGreaterThan(0);
    expect(batch).toBeLessThan(5000);
    expect(batch).toBeGreaterThan(3 * plain);
  });
});
