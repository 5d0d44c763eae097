/** Shares one string or array per distinct value: a large export repeats a handful of areas and codes. */
export class Interner {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();
  string(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
  codes(cell: string): readonly string[] {
    const known = this.lists.get(cell);
    if (known) return known;
    const codes = Object.freeze(
      [
        ...new Set(
          cell
            .split(';')
            .map((c) => c.trim())
            .filter(Boolean),
        ),
      ].map((c) => this.string(c)),
    );
    this.lists.set(cell, codes);
    return codes;
  }
}
