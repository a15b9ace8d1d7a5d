// A national-scale synthetic register for benchmarks: 2,543 zones, 20,000 agencies, 200,000 departments,
// staffing and post rows to match, spread over every county of GB/T 2260. Written with raw prepared
// inserts in one transaction (this is test data, not a user action, so it bypasses the history).
import fs from 'node:fs';
import path from 'node:path';
import { Store } from '../../db/store';
import { ENUMS } from '../../shared/enums';
import { withUsccCheckChar } from '../../shared/uscc';

export interface SyntheticSize {
  zones: number;
  agencies: number;
  departments: number;
}

export const NATIONAL: SyntheticSize = { zones: 2543, agencies: 20_000, departments: 200_000 };
export const PROVINCE: SyntheticSize = { zones: 260, agencies: 2_000, departments: 20_000 };

const GROUPS = ['industrial', 'agricultural', 'logistics', 'tourism', 'other'];
const ZONE_TYPES = ['etdz', 'hitech', 'prov_econ_dz', 'industrial_park', 'agri_sci_park', 'logistics_hub', 'scenic_area', 'other_function_zone'];
// A register after the clean-up mostly passes its rules: no social-affairs departments, headcount within
// the establishment. One agency in a hundred keeps a problem, so the checks still have findings to build.
const CLASSES = ENUMS.dept_function_class.map((o) => o.key).filter((k) => k !== 'social_affairs' && k !== 'comprehensive');
const SYNTHETIC_VERSION = 2;
const DEPT_NAMES = ['综合办公室', '经济发展局', '招商服务局', '规划建设局', '安全环保局', '企业服务局', '科技创新局', '统计局', '商贸流通科', '财政金融局'];

/** Creates (or reuses, when already generated with the same size) a data folder with the synthetic register. */
export function generateNationalData(dataDir: string, size: SyntheticSize = NATIONAL): string {
  const marker = path.join(dataDir, `synthetic-v${SYNTHETIC_VERSION}-${size.zones}-${size.agencies}-${size.departments}.done`);
  if (fs.existsSync(marker)) return dataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const store = Store.open(dataDir, { create: true });
  const db = store.db;
  const counties = (db.prepare(`SELECT code FROM regions WHERE level = 'county' ORDER BY code`).all() as { code: string }[]).map((r) => r.code);
  const insAgency = db.prepare(`INSERT INTO agencies (id, code, full_name, short_name, agency_kind, type_group, nature, rank, host_region_code, uscc, internal_dept_cap, status, verification)
    VALUES (?, ?, ?, ?, 'zone_mgmt', ?, 'admin_organ', ?, ?, ?, 12, 'active', 'illustrative')`);
  const insNameplate = db.prepare(`INSERT INTO nameplates (agency_id, name, kind, verification) VALUES (?, ?, ?, 'illustrative')`);
  const insZone = db.prepare(`INSERT INTO zones (id, code, name, zone_type, zone_level, host_region_code, management_agency_id, status, verification) VALUES (?, ?, ?, ?, 'county', ?, ?, 'active', 'illustrative')`);
  const insDept = db.prepare(`INSERT INTO departments (agency_id, name, function_class, rank, leader_posts, is_special, verification) VALUES (?, ?, ?, 'section_full', 1, 0, 'illustrative')`);
  const insStaff = db.prepare(`INSERT INTO staffing (agency_id, staffing_type, approved, actual, verification) VALUES (?, ?, ?, ?, 'illustrative')`);
  const insPost = db.prepare(`INSERT INTO leader_posts (agency_id, title, grade, approved, filled, elevated, verification) VALUES (?, ?, 'county_deputy', ?, ?, 0, 'illustrative')`);
  const ranks = ['county_full', 'county_deputy', 'section_full', 'section_deputy'];
  db.transaction(() => {
    for (let i = 1; i <= size.agencies; i++) {
      const county = counties[i % counties.length];
      const name = `合成开发区${i}号管理委员会`;
      const body = `11${county}TY${String(i).padStart(6, '0')}0`;
      insAgency.run(i, `S${i}`, name, `合成${i}号管委会`, GROUPS[i % GROUPS.length], ranks[i % ranks.length], county, withUsccCheckChar(body));
      insNameplate.run(i, name, 'primary');
      insNameplate.run(i, `中共合成开发区${i}号工作委员会`, 'party_committee');
      const troubled = i % 100 === 0;
      insStaff.run(i, 'administrative', 10 + (i % 20), 8 + (i % 20) + (troubled ? 5 : 0));
      insStaff.run(i, 'su_fiscal', 5 + (i % 10), 4 + (i % 10) - (i % 3));
      insPost.run(i, '管委会主任', 1, 1);
      insPost.run(i, '管委会副主任', 3, 2 + (i % 2));
    }
    for (let z = 1; z <= size.zones; z++) {
      const agency = ((z - 1) % size.agencies) + 1;
      insZone.run(z, `SZ${z}`, `合成开发区${z}号`, ZONE_TYPES[z % ZONE_TYPES.length], counties[agency % counties.length], agency);
    }
    for (let d = 0; d < size.departments; d++) {
      const agency = (d % size.agencies) + 1;
      const nth = Math.floor(d / size.agencies); // the agency's nth department
      const cls = nth === 0 ? 'comprehensive' : agency % 100 === 0 && nth === 1 ? 'social_affairs' : CLASSES[(nth + agency) % CLASSES.length];
      insDept.run(agency, `${DEPT_NAMES[nth % DEPT_NAMES.length]}${nth >= DEPT_NAMES.length ? nth + 1 : ''}`, cls);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  fs.writeFileSync(marker, new Date().toISOString());
  return dataDir;
}
