/** Collects the printed sections and keeps bench/out/results.md and results.json up to date after each one. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const OUT = join(import.meta.dirname, "..", "out");

export class Report {
  private readonly sections: Array<{ title: string; text: string }> = [];
  private readonly data: Record<string, unknown> = {};

  constructor(private readonly header: string) {
    console.log(`${header}\n`);
  }

  /** Prints a section and saves everything so far (a crash later still leaves the results). */
  section(title: string, text: string, data: unknown): void {
    this.sections.push({ title, text });
    this.data[title] = data;
    console.log(`== ${title} ==\n\n${text}\n`);
    this.save();
  }

  /** Last line of the terminal output and of results.md. */
  footer(text: string): void {
    console.log(text);
    this.sections.push({ title: "", text });
    this.save();
  }

  set(key: string, value: unknown): void {
    this.data[key] = value;
    this.save();
  }

  private save(): void {
    mkdirSync(OUT, { recursive: true });
    const md = [`# Frame Picker benchmark\n\n${this.header.split("\n").join("  \n")}`, ...this.sections.map((s) => (s.title ? `## ${s.title}\n\n\`\`\`\n${s.text}\n\`\`\`` : s.text))].join("\n\n");
    writeFileSync(join(OUT, "results.md"), `${md}\n`);
    writeFileSync(join(OUT, "results.json"), `${JSON.stringify({ header: this.header, ...this.data }, null, 2)}\n`);
  }
}
