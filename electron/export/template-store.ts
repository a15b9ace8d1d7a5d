// File-based store of the office's own templates, in the app data folder:
//   <dataDir>/templates/<docType>/<templateId>/v<N>.<ext>   immutable versions
//   <dataDir>/templates/<docType>/<templateId>/manifest.json
//   <dataDir>/templates/<docType>/active.json               one active template per type and kind
// An edit is a new version; rollback moves the pointer back (to the previous version, then to the default).
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TEMPLATES, PAPER_DOC_TYPES, type PaperDocType, type TemplateKind } from '../../shared/papers';
import { TemplateError } from './issues';
import { lintTemplate, type LintResult } from './lint';

export interface TemplateVersionInfo {
  version: number;
  file: string; // v<N>.<ext>, relative to the template folder
  sha256: string;
  createdAt: string;
  note?: string;
}

export interface TemplateManifest {
  id: string;
  docType: PaperDocType;
  kind: TemplateKind;
  name: string;
  createdAt: string;
  versions: TemplateVersionInfo[];
}

type ActiveFile = Partial<Record<TemplateKind, { templateId: string; version: number } | null>>;

export interface ResolvedTemplate {
  source: 'default' | 'user';
  templateId: string;
  version: number; // for a built-in default: the version embedded in it (TemplateVersion)
  sha256: string;
  path: string;
  buffer: Buffer;
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const ID = /^[a-z0-9][a-z0-9.-]{2,63}$/;

export class TemplateStore {
  constructor(
    private readonly dataDir: string,
    /** folder with the built-in defaults (electron/export/templates in development) */
    private readonly defaultsDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private typeDir = (t: PaperDocType) => join(this.dataDir, 'templates', t);
  private templateDir = (t: PaperDocType, id: string) => join(this.typeDir(t), id);

  private static checkType(docType: string): asserts docType is PaperDocType {
    if (!(PAPER_DOC_TYPES as readonly string[]).includes(docType)) throw new RangeError(`未知的公文类型：${docType}`);
  }

  async manifest(docType: PaperDocType, id: string): Promise<TemplateManifest | null> {
    TemplateStore.checkType(docType);
    if (!ID.test(id)) return null;
    try {
      return JSON.parse(await fs.readFile(join(this.templateDir(docType, id), 'manifest.json'), 'utf8')) as TemplateManifest;
    } catch (e) {
      // ENOTDIR: an entry of the type folder that is a file (active.json), not a template folder.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw e;
    }
  }

  async list(docType: PaperDocType): Promise<TemplateManifest[]> {
    TemplateStore.checkType(docType);
    let names: string[] = [];
    try {
      names = await fs.readdir(this.typeDir(docType));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const out: TemplateManifest[] = [];
    for (const n of names.sort()) {
      const m = await this.manifest(docType, n);
      if (m) out.push(m);
    }
    return out;
  }

  /**
   * Imports a template after linting it (errors refuse the import; warnings are returned). Without `templateId`
   * a new template is created; with it, a new version of that template. Identical content is not stored twice.
   */
  async importTemplate(input: {
    docType: PaperDocType;
    kind: TemplateKind;
    name: string;
    buffer: Uint8Array;
    templateId?: string;
    note?: string;
    activate?: boolean;
  }): Promise<{ manifest: TemplateManifest; version: TemplateVersionInfo; lint: LintResult }> {
    TemplateStore.checkType(input.docType);
    const lint = await lintTemplate(input.buffer, input.kind, input.docType);
    if (!lint.ok) throw new TemplateError(lint.issues);
    const hash = sha256(input.buffer);
    const at = this.now().toISOString();
    const id = input.templateId ?? `u${this.now().getTime().toString(36)}-${randomBytes(3).toString('hex')}`;
    if (!ID.test(id)) throw new RangeError(`模板编号无效：${id}`);
    const dir = this.templateDir(input.docType, id);
    let manifest = await this.manifest(input.docType, id);
    if (input.templateId && !manifest) throw new RangeError(`没有编号为 ${id} 的模板`);
    if (manifest && manifest.kind !== input.kind) throw new RangeError(`模板 ${id} 是 ${manifest.kind} 文件，不能导入 ${input.kind} 版本`);
    if (!manifest) manifest = { id, docType: input.docType, kind: input.kind, name: input.name.trim() || '未命名模板', createdAt: at, versions: [] };
    let version = manifest.versions.find((v) => v.sha256 === hash);
    if (!version) {
      const n = Math.max(0, ...manifest.versions.map((v) => v.version)) + 1;
      version = { version: n, file: `v${n}.${input.kind}`, sha256: hash, createdAt: at, ...(input.note ? { note: input.note } : {}) };
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(join(dir, version.file), input.buffer, { flag: 'wx' }); // versions are immutable
      manifest.versions.push(version);
      await this.writeJson(join(dir, 'manifest.json'), manifest);
    }
    if (input.activate ?? true) await this.activate(input.docType, input.kind, id, version.version);
    return { manifest, version, lint };
  }

  async activate(docType: PaperDocType, kind: TemplateKind, templateId: string | null, version?: number): Promise<void> {
    TemplateStore.checkType(docType);
    const active = await this.readActive(docType);
    if (templateId === null) active[kind] = null;
    else {
      const m = await this.manifest(docType, templateId);
      const v = m?.versions.find((x) => x.version === (version ?? Math.max(...m.versions.map((y) => y.version))));
      if (!m || !v || m.kind !== kind) throw new RangeError(`没有模板 ${templateId} 的第${version}版`);
      active[kind] = { templateId, version: v.version };
    }
    await fs.mkdir(this.typeDir(docType), { recursive: true });
    await this.writeJson(join(this.typeDir(docType), 'active.json'), active);
  }

  /** Steps the active template of a type back one version; from version 1 back to the built-in default. */
  async rollback(docType: PaperDocType, kind: TemplateKind): Promise<ResolvedTemplate> {
    const active = (await this.readActive(docType))[kind];
    if (active) {
      const m = await this.manifest(docType, active.templateId);
      const older = (m?.versions ?? []).filter((v) => v.version < active.version).sort((a, b) => b.version - a.version)[0];
      await this.activate(docType, kind, older ? active.templateId : null, older?.version);
    }
    return this.resolve(docType, kind);
  }

  /** The template an export of this type uses now, with its identity for the export log. */
  async resolve(docType: PaperDocType, kind: TemplateKind): Promise<ResolvedTemplate> {
    const active = (await this.readActive(docType))[kind];
    if (active) {
      const m = await this.manifest(docType, active.templateId);
      const v = m?.versions.find((x) => x.version === active.version);
      if (m && v) {
        const path = join(this.templateDir(docType, m.id), v.file);
        const buffer = await fs.readFile(path);
        if (sha256(buffer) !== v.sha256) throw new Error(`模板文件已被改动（校验值不符）：${path}`);
        return { source: 'user', templateId: m.id, version: v.version, sha256: v.sha256, path, buffer };
      }
    }
    const d = DEFAULT_TEMPLATES.find((t) => t.docType === docType && t.kind === kind);
    if (!d) throw new RangeError(`“${docType}”没有 ${kind} 默认模板`);
    const path = join(this.defaultsDir, d.file);
    const buffer = await fs.readFile(path);
    return { source: 'default', templateId: d.id, version: d.version, sha256: sha256(buffer), path, buffer };
  }

  private async readActive(docType: PaperDocType): Promise<ActiveFile> {
    try {
      return JSON.parse(await fs.readFile(join(this.typeDir(docType), 'active.json'), 'utf8')) as ActiveFile;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
  }

  /** Atomic JSON write: temp file + rename. */
  private async writeJson(path: string, value: unknown): Promise<void> {
    const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(value, null, 2) + '\n', 'utf8');
    await fs.rename(tmp, path);
  }
}
