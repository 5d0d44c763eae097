/** Shares one string per distinct value: a large export repeats a handful of areas and sources. */
export class Interner {
  private readonly strings = new Map<string, string>();
  string(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
}
