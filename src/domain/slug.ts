import { foldKey } from "./normalise";

/** Slugs longer than this are cut at a word boundary; long innovation titles are common. */
export const MAX_SLUG_LENGTH = 80;

/**
 * A URL-safe slug: folded text (see `foldKey`) with hyphens between words, cut at a word boundary to
 * at most `maxLength` characters. Returns "" for text without letters or digits.
 */
export function slugify(text: string, maxLength = MAX_SLUG_LENGTH): string {
  const words = foldKey(text).split(" ").filter((w) => w.length > 0);
  let slug = "";
  for (const word of words) {
    const next = slug.length === 0 ? word : `${slug}-${word}`;
    if (next.length > maxLength) {
      if (slug.length === 0) slug = word.slice(0, maxLength);
      break;
    }
    slug = next;
  }
  return slug;
}

/**
 * Allocates slugs that stay unique within one catalogue. The first claimant of a base slug gets it
 * as is; later claimants get the first free qualifier (e.g. the region name) and then a counter.
 * Deterministic as long as claims are made in a fixed order.
 */
export class SlugAllocator {
  private readonly taken = new Set<string>();

  /** Claims `base` (or a qualified variant) and returns the slug granted. */
  claim(base: string, qualifiers: readonly string[] = []): string {
    const root = base.length > 0 ? base : "item";
    if (!this.taken.has(root)) return this.take(root);
    for (const q of qualifiers) {
      const candidate = slugify(`${root} ${q}`, MAX_SLUG_LENGTH + 40);
      if (candidate.length > 0 && !this.taken.has(candidate)) return this.take(candidate);
    }
    for (let n = 2; ; n += 1) {
      const candidate = `${root}-${n}`;
      if (!this.taken.has(candidate)) return this.take(candidate);
    }
  }

  private take(slug: string): string {
    this.taken.add(slug);
    return slug;
  }
}
