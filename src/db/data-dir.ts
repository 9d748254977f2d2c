import fs from 'node:fs';
import path from 'node:path';

/**
 * The data folder holds the embedded database and the development outbox (sign-in links that open
 * accounts), so it is for this user only. The umask covers every file created later by PGlite, the
 * outbox and the lock, whatever mode they ask for; the chmod covers a folder made by an older version
 * or by hand with looser rights.
 */
export function protectDataDir(dataDir: string): void {
  process.umask(0o077);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
}

/**
 * PGlite sets its files to mode 0666 itself (past the umask), so after it opens its folder every file
 * is made private again: 0600 for files, 0700 for folders.
 */
export function privateTree(dir: string): void {
  fs.chmodSync(dir, 0o700);
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const p = path.join(entry.parentPath, entry.name);
    try {
      fs.chmodSync(p, entry.isDirectory() ? 0o700 : 0o600);
    } catch {
      // (A temporary file removed while we walked.)
    }
  }
}
