import { describe, expect, it } from "vitest";
import { licenceProblems, type Component } from "../../scripts/build/sbom";

const pkg = (name: string, licence: string | null, how: Component["in"] = "bundled (production tree)"): Component => ({ name, version: "1.0.0", licence, purl: `pkg:npm/${name}@1.0.0`, in: how });

describe("the licence check of the SBOM", () => {
  it("passes permissive licences, and a choice that includes one", () => {
    expect(licenceProblems([pkg("a", "MIT"), pkg("b", "Apache-2.0"), pkg("c", "(MIT OR GPL-3.0-or-later)"), pkg("d", "BSD-3-Clause AND ISC")])).toEqual([]);
  });

  it("refuses copyleft, source-available and non-commercial terms in our bundles, and a missing licence", () => {
    const problems = licenceProblems([pkg("gpl-lib", "GPL-3.0-or-later"), pkg("agpl-lib", "AGPL-3.0-only"), pkg("sspl-db", "SSPL-1.0"), pkg("nc-data", "CC-BY-NC-4.0"), pkg("mixed", "MIT AND LGPL-2.1-only"), pkg("bare", null)]);
    expect(problems.map((p) => p.split("@")[0])).toEqual(["gpl-lib", "agpl-lib", "sspl-db", "nc-data", "mixed", "bare"]);
    expect(problems.at(-1)).toMatch(/states no licence/);
  });

  it("lets only the ffmpeg programs be GPL and only sharp's libvips be LGPL", () => {
    expect(licenceProblems([pkg("ffmpeg", "GPL-3.0-or-later", "bin"), pkg("@img/sharp-libvips-linux-arm64", "LGPL-3.0-or-later", "node_modules"), pkg("@img/sharp-linux-arm64", "Apache-2.0 AND LGPL-3.0-or-later", "node_modules")])).toEqual([]);
    expect(licenceProblems([pkg("ffmpeg-wrapper", "GPL-3.0-or-later"), pkg("@img/other", "LGPL-3.0-or-later")])).toHaveLength(2);
  });
});
