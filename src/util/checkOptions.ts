/**
 * The one option check every public function uses (internal; not re-exported).
 * @module
 */

/**
 * @internal
 * Throw unless `options` is undefined or a plain object whose keys are all in `allowed`, so a
 * typo in an option name never passes silently.
 * @throws TypeError `pca: options must be an object, got number`.
 * @throws Error `readSdf: unknown option "chanel"; expected one of: name, channel, region`.
 */
export function checkOptions(fn: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object, got ${options === null ? "null" : Array.isArray(options) ? "an array" : typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new Error(`${fn}: unknown option "${key}"; expected one of: ${allowed.join(", ")}`);
  }
}
