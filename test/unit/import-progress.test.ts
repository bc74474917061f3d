import { describe, expect, it } from "vitest";
import { createImportProgress } from "../../src/import/progress";

function stream(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (text: string) => out.push(text) } };
}

describe("import progress", () => {
  it("prints plain lines, at most one a second, when not on a terminal", () => {
    const { out, stream: s } = stream(false);
    let clock = 0;
    const progress = createImportProgress(s, () => clock);
    progress.phase("validate", null);
    progress.update(2_000);
    clock = 1_500;
    progress.update(4_000);
    progress.update(5_000);
    progress.phase("write", 5_000);
    clock = 3_000;
    progress.update(2_000);
    progress.finish();
    expect(out.join("")).toBe("validating: 4,000 rows\nvalidating: 5,000 rows\nwriting: 2,000 rows of 5,000 (40%)\n");
  });

  it("draws a progress bar on a terminal", () => {
    const { out, stream: s } = stream(true);
    const progress = createImportProgress(s);
    progress.phase("write", 200);
    progress.update(100);
    progress.finish();
    const text = out.join("");
    expect(text).toContain("Writing |");
    expect(text).toMatch(/100\/200 rows/);
  });
});
