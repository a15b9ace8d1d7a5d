// Where data lives: the user's application-data folder unless --data-dir says otherwise.
// Kept outside the install folder, so an uninstall or upgrade never touches it.
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'ZoneDesk';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ZONEDESK_DATA_DIR) return path.resolve(env.ZONEDESK_DATA_DIR);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_DIR_NAME);
}
