import path from 'node:path';

/** Where an export's archive lives: DATA_DIR/exports/<id>.zip (the id is a UUID, never user text). */
export function exportArchivePath(dataDir: string, exportId: string): string {
  return path.join(dataDir, 'exports', `${exportId}.zip`);
}
