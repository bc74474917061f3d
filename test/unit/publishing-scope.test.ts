import { describe, expect, it } from "vitest";
import { checkScope, regionInScope, type PublisherScope, type ScopeTarget } from "../../src/publishing/scope";

const KIPP = { id: 1, scopeRegionCode: null };
const KIPP_JATENG = { id: 2, scopeRegionCode: "33" };
const KIPP_PEKALONGAN = { id: 3, scopeRegionCode: "33.26" };

const jateng: PublisherScope = { regionCode: "33", competitions: [] };
const jatengOrganiser: PublisherScope = { regionCode: "33", competitions: [KIPP_JATENG] };
const kemenpan: PublisherScope = { regionCode: null, competitions: [KIPP] };
const pekalongan: PublisherScope = { regionCode: "33.26", competitions: [KIPP_PEKALONGAN] };

const innovation = (regionCode: string | null, resultCompetitionIds: number[] = []): ScopeTarget => ({
  kind: "innovation",
  label: "Innovation X",
  facts: { regionCode, resultCompetitionIds },
});

describe("publisher scope", () => {
  it("covers a province's regencies and cities, and a regency only itself", () => {
    expect(regionInScope(jateng, "33")).toBe(true);
    expect(regionInScope(jateng, "33.74")).toBe(true);
    expect(regionInScope(jateng, "35.78")).toBe(false);
    expect(regionInScope(jateng, "3")).toBe(false);
    // Coverage follows the code's structure, not a bare string prefix.
    expect(regionInScope(pekalongan, "33.26")).toBe(true);
    expect(regionInScope(pekalongan, "33.74")).toBe(false);
    expect(regionInScope(pekalongan, "33")).toBe(false);
    expect(regionInScope({ regionCode: "33", competitions: [] }, "330")).toBe(false);
    expect(regionInScope(jateng, null)).toBe(false);
    expect(regionInScope(kemenpan, "33.74")).toBe(false);
  });

  it("lets a region publisher change innovations in its region, not in another province", () => {
    expect(checkScope(jateng, innovation("33.74")).allowed).toBe(true);
    const refused = checkScope(jateng, innovation("35.78"));
    expect(refused).toEqual({
      allowed: false,
      reason: "Innovation X is in region 35.78, outside this publisher's scope (region 33 and no competitions), and has no result in a competition this publisher organises.",
    });
    expect(checkScope(jateng, innovation(null)).allowed).toBe(false);
  });

  it("refuses moving an innovation out of the publisher's region", () => {
    expect(checkScope(jateng, { ...(innovation("33.74") as Extract<ScopeTarget, { kind: "innovation" }>), newRegionCode: "33.26" }).allowed).toBe(true);
    const moved = checkScope(jateng, { ...(innovation("33.74") as Extract<ScopeTarget, { kind: "innovation" }>), newRegionCode: "35" });
    expect(moved.allowed).toBe(false);
  });

  it("lets an organiser change its entrants anywhere, and only its entrants", () => {
    expect(checkScope(kemenpan, innovation("35.78", [KIPP.id])).allowed).toBe(true);
    expect(checkScope(kemenpan, innovation("35.78", [KIPP_JATENG.id])).allowed).toBe(false);
    expect(checkScope(jatengOrganiser, innovation("35.78", [KIPP_JATENG.id])).allowed).toBe(true);
  });

  it("lets organisers create innovations where their competitions take entrants from", () => {
    expect(checkScope(kemenpan, { kind: "newInnovation", regionCode: "35.78" }).allowed).toBe(true);
    expect(checkScope(kemenpan, { kind: "newInnovation", regionCode: null }).allowed).toBe(true);
    expect(checkScope(jatengOrganiser, { kind: "newInnovation", regionCode: "35.78" }).allowed).toBe(false);
    expect(checkScope(jateng, { kind: "newInnovation", regionCode: "33.74" }).allowed).toBe(true);
    expect(checkScope(jateng, { kind: "newInnovation", regionCode: null }).allowed).toBe(false);
    expect(checkScope(pekalongan, { kind: "newInnovation", regionCode: "33.74" }).allowed).toBe(false);
  });

  it("gives editions and results to the competition's organisers only, whatever their region", () => {
    const kipp: ScopeTarget = { kind: "competition", label: "Competition KIPP", competitionId: KIPP.id };
    const kippJateng: ScopeTarget = { kind: "competition", label: "Competition KIPP Jateng", competitionId: KIPP_JATENG.id };
    expect(checkScope(kemenpan, kipp).allowed).toBe(true);
    expect(checkScope(jateng, kippJateng).allowed).toBe(false);
    expect(checkScope(jatengOrganiser, kippJateng).allowed).toBe(true);
    expect(checkScope(jatengOrganiser, kipp)).toEqual({ allowed: false, reason: "Competition KIPP is not a competition this publisher organises." });
    expect(checkScope(kemenpan, kippJateng).allowed).toBe(false);
  });

  it("lets either side's region, or the origin's organiser, record a replication", () => {
    const replication = (adopter: string | null, origin: string | null, results: number[] = []): ScopeTarget => ({
      kind: "replication",
      adopterRegionCode: adopter,
      originLabel: "innovation Y",
      origin: { regionCode: origin, resultCompetitionIds: results },
    });
    expect(checkScope(jateng, replication("33.26", "35.78")).allowed).toBe(true);
    expect(checkScope(jateng, replication("35.78", "33.74")).allowed).toBe(true);
    expect(checkScope(jateng, replication("35.78", "36.01")).allowed).toBe(false);
    expect(checkScope(kemenpan, replication("35.78", "36.01", [KIPP.id])).allowed).toBe(true);
    expect(checkScope(kemenpan, replication("35.78", "36.01")).allowed).toBe(false);
  });
});
