import { describe, expect, it } from "vitest";
import { factText, mergeFacts, ownerOf, type ClaimView, type FactField } from "../../src/import/facts";

const SUMMARY: FactField = { field: "summary", column: "summary" };
const YEAR: FactField = { field: "launchYear", column: "launch_year" };
const ME = "publisher:Biro Organisasi Setda Provinsi Jawa Tengah";
const OTHER = "publisher:Biro Organisasi Setda Provinsi Jawa Timur";

function decide(held: Record<string, unknown>, incoming: Record<string, unknown>, snapshot: Record<string, unknown> | null, claims: ClaimView[]) {
  return mergeFacts([SUMMARY, YEAR], held, incoming, (fact) => ownerOf(fact, held[fact.column], snapshot, claims, ME), ME);
}

describe("factText", () => {
  it("compares database values and file values as text", () => {
    expect(factText(2019)).toBe("2019");
    expect(factText("2019")).toBe("2019");
    expect(factText(null)).toBeNull();
    expect(factText(["a", "b"])).toBe('["a","b"]');
  });
});

describe("mergeFacts", () => {
  it("fills what the record does not have and leaves equal facts alone", () => {
    const decision = decide({ summary: null, launch_year: 2019 }, { summary: "New.", launch_year: 2019 }, null, []);
    expect(decision).toEqual({ set: { summary: "New." }, conflicts: [] });
  });

  it("corrects a fact that is still the seed's", () => {
    const decision = decide({ summary: "Seed.", launch_year: 2014 }, { summary: "Publisher.", launch_year: 2015 }, { summary: "Seed.", launch_year: 2014 }, []);
    expect(decision.set).toEqual({ summary: "Publisher.", launch_year: 2015 });
  });

  it("lets a publisher correct what it stated itself", () => {
    const claims = [{ asserter: ME, statements: { summary: "Mine.", launchYear: "2015" } }];
    expect(decide({ summary: "Mine.", launch_year: 2015 }, { summary: "Mine, corrected.", launch_year: 2016 }, null, claims).set).toEqual({
      summary: "Mine, corrected.",
      launch_year: 2016,
    });
  });

  it("keeps another publisher's fact and reports the conflict", () => {
    const claims = [{ asserter: OTHER, statements: { summary: "Theirs.", launchYear: "2015" } }];
    const decision = decide({ summary: "Theirs.", launch_year: 2015 }, { summary: "Mine.", launch_year: 2016 }, { summary: "Seed." }, claims);
    expect(decision.set).toEqual({});
    expect(decision.conflicts).toEqual([
      { field: "summary", held: "Theirs.", incoming: "Mine.", heldBy: OTHER },
      { field: "launchYear", held: "2015", incoming: "2016", heldBy: OTHER },
    ]);
  });

  it("treats another publisher's confirmation of a seed fact as theirs", () => {
    const claims = [{ asserter: OTHER, statements: { summary: "Seed." } }];
    const decision = decide({ summary: "Seed.", launch_year: null }, { summary: "Mine." }, { summary: "Seed." }, claims);
    expect(decision.conflicts).toMatchObject([{ field: "summary", heldBy: OTHER }]);
  });

  it("keeps a fact no claim or snapshot explains (a mutation or a hand edit)", () => {
    const decision = decide({ summary: "Edited by hand.", launch_year: null }, { summary: "Mine." }, { summary: "Seed." }, []);
    expect(decision.conflicts).toEqual([{ field: "summary", held: "Edited by hand.", incoming: "Mine.", heldBy: null }]);
  });

  it("never clears a fact: an empty incoming field says nothing", () => {
    expect(decide({ summary: "Held.", launch_year: 2015 }, { summary: null, launch_year: null }, null, [])).toEqual({ set: {}, conflicts: [] });
  });
});
