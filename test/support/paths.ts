import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const repoRoot = resolve(import.meta.dirname, '..', '..');

/**
 * Public test vectors live beside the repository in `../shared/conformance` (CI has them at the
 * same path); they are read, never copied into the repo.
 */
export function conformance(...parts: string[]): string {
  const dir = join(repoRoot, '..', 'shared', 'conformance', ...parts);
  if (!existsSync(dir))
    throw new Error(`conformance data missing: ${dir} (expected ../shared beside the repo)`);
  return dir;
}
