/**
 * Progress of an import on the command line: a progress bar on a terminal, plain lines otherwise
 * (a log file or CI should not fill with carriage returns).
 */
import cliProgress from "cli-progress";
import type { ImportProgress } from "./run-import";

/** Where progress is written: stderr, so that stdout stays the report (and `--json` stays JSON). */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** The least time between two plain progress lines. */
const LINE_INTERVAL_MS = 1_000;

const PHASE_TITLE = { validate: "Validating", write: "Writing" } as const;

/** A progress bar when `stream` is a terminal, plain progress lines when it is not. */
export function createImportProgress(stream: ProgressStream, now: () => number = Date.now): ImportProgress {
  return stream.isTTY ? barProgress(stream) : lineProgress(stream, now);
}

function barProgress(stream: ProgressStream): ImportProgress {
  let bar: cliProgress.SingleBar | null = null;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    phase(name, total) {
      stop();
      const known = total !== null && total > 0;
      bar = new cliProgress.SingleBar(
        {
          format: known ? `${PHASE_TITLE[name]} |{bar}| {percentage}% {value}/{total} rows` : `${PHASE_TITLE[name]} {value} rows…`,
          stream: stream as NodeJS.WritableStream,
          hideCursor: true,
          clearOnComplete: false,
          etaBuffer: 20,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(known ? total : 0, 0);
    },
    update(done) {
      bar?.update(done);
    },
    finish: stop,
  };
}

function lineProgress(stream: ProgressStream, now: () => number): ImportProgress {
  let phase: keyof typeof PHASE_TITLE | null = null;
  let total: number | null = null;
  let last = 0;
  let lastPrinted = -1;
  let done = 0;
  const print = () => {
    if (phase === null || done === lastPrinted) return;
    const of = total ? ` of ${total.toLocaleString("en")} (${Math.floor((done / total) * 100)}%)` : "";
    stream.write(`${PHASE_TITLE[phase].toLowerCase()}: ${done.toLocaleString("en")} rows${of}\n`);
    lastPrinted = done;
    last = now();
  };
  return {
    phase(name, expected) {
      print();
      phase = name;
      total = expected;
      done = 0;
      lastPrinted = -1;
      last = now();
    },
    update(value) {
      done = value;
      if (now() - last >= LINE_INTERVAL_MS) print();
    },
    finish() {
      print();
      phase = null;
    },
  };
}
