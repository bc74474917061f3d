import type { LoadResult } from "./load";

/** What a soak measured: RSS samples over time, and the trend fitted to them. */
export interface SoakResult {
  durationS: number;
  rate: number;
  load: LoadResult;
  samples: { t: number; rssMb: number }[];
  /** Samples before this many seconds are left out of the trend (JIT, caches, pools filling up). */
  warmupS: number;
  /** Least-squares slope of RSS after warm-up, MiB per minute. */
  slopeMbPerMin: number;
  /** Mean RSS over the first and the last minute after warm-up. */
  firstMinuteMb: number;
  lastMinuteMb: number;
  verdict: "no upward trend" | "upward trend" | "too short to tell";
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/**
 * Fits the RSS trend of a soak. The trend is "upward" only when both the fitted slope exceeds
 * 0.25 MiB/min and the last minute sits more than 2 MiB above the first: a garbage collector's
 * sawtooth moves either one alone.
 */
export function analyseSoak(samples: { t: number; rssMb: number }[], run: { durationS: number; rate: number; load: LoadResult }): SoakResult {
  const warmupS = Math.min(60, run.durationS / 5);
  const settled = samples.filter((s) => s.t >= warmupS);
  const xs = settled.map((s) => s.t / 60);
  const ys = settled.map((s) => s.rssMb);
  const mx = mean(xs);
  const my = mean(ys);
  const sxx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  const slope = sxx > 0 ? xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0) / sxx : 0;
  const end = settled.length ? settled[settled.length - 1].t : 0;
  const firstMinute = mean(settled.filter((s) => s.t < warmupS + 60).map((s) => s.rssMb));
  const lastMinute = mean(settled.filter((s) => s.t > end - 60).map((s) => s.rssMb));
  const verdict = settled.length < 6 ? "too short to tell" : slope > 0.25 && lastMinute - firstMinute > 2 ? "upward trend" : "no upward trend";
  const r = (n: number) => Number(n.toFixed(2));
  return { ...run, samples, warmupS, slopeMbPerMin: r(slope), firstMinuteMb: r(firstMinute), lastMinuteMb: r(lastMinute), verdict };
}
