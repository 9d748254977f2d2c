/**
 * The small-group solver on the instances organizers asked about: repeated meetings left, the
 * counting bound (fewer is impossible), the search time, and Good-Enough Golfers' best run on the
 * same instance where it was measured (its genetic search, 2 cores). Then mentorship matching at
 * 1,000 mentors and 1,000 mentees (stable, and best overall by min-cost flow), 10 and 100 choices
 * each. Pure computation: no database.
 */
import { instances, mentorshipInstance, optimalMatching, solve, stableMatching } from '../../src/modules/groups';
import { figure, isMain, runAlone, type BenchOptions, type BenchResult, type Figure } from '../lib';

export const usesDatabase = false;

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const inst of instances) {
    const started = performance.now();
    const result = solve({ ...inst.input, timeLimitMs: opts.quick ? 1000 : 3000 });
    const ms = performance.now() - started;
    const reference = inst.reference === undefined ? undefined : { name: 'Good-Enough Golfers best', value: inst.reference };
    figures.push(figure(`${inst.name}: repeats`, result.repeatPairs, 'pairs', reference));
    figures.push(figure(`${inst.name}: counting bound`, result.lowerBound, 'pairs'));
    figures.push(figure(`${inst.name}: time`, ms, 'ms'));
    if (result.problems.length > 0) notes.push(`${inst.name}: ${result.problems.length} constraint(s) not met`);
    if (inst.zeroPossible && result.repeatPairs > 0) notes.push(`${inst.name}: zero repeats are possible, ${result.repeatPairs} left`);
    if (inst.reference !== undefined && result.repeatPairs > inst.reference) notes.push(`${inst.name}: worse than Good-Enough Golfers`);
    if (inst.input.people.length >= 200 && ms >= 1000) notes.push(`${inst.name}: over the 1 s budget`);
  }
  for (const choices of [10, 100]) {
    const { mentors, mentees } = mentorshipInstance(1000, choices);
    for (const [mode, match] of [
      ['stable', stableMatching],
      ['best overall', optimalMatching],
    ] as const) {
      const started = performance.now();
      const matched = match(mentors, mentees).filter((j) => j >= 0).length;
      const ms = performance.now() - started;
      figures.push(figure(`mentorship 1,000 × 1,000, ${choices} choices, ${mode}: time`, ms, 'ms'));
      figures.push(figure(`mentorship 1,000 × 1,000, ${choices} choices, ${mode}: matched`, matched, 'mentees'));
      if (ms >= 1000) notes.push(`mentorship ${choices} choices, ${mode}: over 1 s`);
    }
  }
  return { name: 'groups', figures, notes };
}

if (isMain(import.meta.url)) await runAlone(run);
