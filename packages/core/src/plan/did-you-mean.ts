/** Largest edit distance at which a name still counts as a misspelling of another. */
const MAX_DISTANCE = 2;

/**
 * The one candidate `name` is most likely a misspelling of, or null: compared ignoring case, `_`
 * and `-` (so `depends_on` finds `dependsOn`), within an edit distance of 2 — and at most half the
 * name's length, so short names do not match anything. Ties give no suggestion.
 *
 * @example
 * closestName('primray', ['primary', 'metrics']) // 'primary'
 */
export function closestName(name: string, candidates: Iterable<string>): string | null {
  const wanted = normalize(name);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const distance = editDistance(wanted, normalize(candidate), MAX_DISTANCE);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && candidate !== best) {
      tie = true;
    }
  }
  if (best === null || tie || bestDistance > MAX_DISTANCE || bestDistance > wanted.length / 2) return null;
  return best;
}

/** `; did you mean "x"?` when one candidate is close, else an empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const closest = closestName(name, candidates);
  return closest === null ? '' : `; did you mean "${closest}"?`;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** Levenshtein distance, or `limit + 1` as soon as it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}
