// Ctrl+K search over the national-scale synthetic register (20,000 agencies, 200,000 departments):
// searchNationalMs is the median over a set of typical queries (a department name, pinyin initials, an
// agency's full name, a query that finds nothing), each run ≥5 times after a warm-up, the file open.
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE_NAME } from '../../db/store';
import { searchRegister } from '../../db/search';
import { median, repeat, round } from './stats';

const QUERIES = ['综合办公室', 'zhbgs', '合成开发区19999号管理委员会', 'tjj', '不存在的机构'];

export async function benchSearch(nationalDir: string): Promise<{ searchNationalMs: number }> {
  const db = new Database(path.join(nationalDir, DB_FILE_NAME), { readonly: true });
  try {
    const times: number[] = [];
    for (const q of QUERIES) {
      times.push(...await repeat(5, 1, () => {
        const t0 = performance.now();
        searchRegister(db, q, 30);
        return performance.now() - t0;
      }));
    }
    return { searchNationalMs: round(median(times)) };
  } finally {
    db.close();
  }
}
