import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The folder of the questions people ask (DOMAIN.md), one `.graphql` operation per file. */
export const QUESTIONS_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface Question {
  /** File name, e.g. "04-outstanding-achievement-2020.graphql". */
  file: string;
  /** The comment on the file's first line: who asks and what. */
  title: string;
  /** The operation, without the comment line. */
  query: string;
}

/** Reads every question, in file order. */
export function readQuestions(): Question[] {
  return fs
    .readdirSync(QUESTIONS_DIR)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(QUESTIONS_DIR, file), "utf8");
      const [first, ...rest] = text.split("\n");
      return { file, title: first.replace(/^#\s*/, ""), query: rest.join("\n").trim() };
    });
}
