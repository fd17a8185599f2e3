// The File Cabinet as deployed: File Cabinet paths ('/SuiteApps/com.mlfx…/x.js') mapped onto one
// or more folders on disk (the SDF project's FileCabinet, plus test fixtures). Compiled vm.Script
// objects are cached by file and modification time, so a fresh realm per invocation stays cheap.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, posix } from 'node:path';
import vm from 'node:vm';

export class DeployedFiles {
  readonly #compiled = new Map<string, { stamp: string; script: vm.Script; source: string }>();

  /**
   * `visible`: when given, a file is in the File Cabinet only if it returns true (an SDF project's
   * FileCabinet folder holds what deploy.xml deploys, not everything on disk).
   */
  constructor(
    readonly roots: readonly string[],
    private readonly visible: (diskPath: string) => boolean = () => true,
  ) {}

  /** Disk path of a File Cabinet path, or undefined when no root has it. */
  resolve(cabinetPath: string): string | undefined {
    const clean = posix.normalize(`/${cabinetPath}`);
    if (clean.includes('/../') || clean.endsWith('/..')) return undefined;
    for (const root of this.roots) {
      const disk = normalize(join(root, clean));
      if (disk.startsWith(normalize(root)) && existsSync(disk) && statSync(disk).isFile() && this.visible(disk)) return disk;
    }
    return undefined;
  }

  read(diskPath: string): string {
    return this.#entry(diskPath).source;
  }

  /** The compiled script for a disk path (compiled once per file version). */
  compiled(diskPath: string): vm.Script {
    return this.#entry(diskPath).script;
  }

  #entry(diskPath: string) {
    const stat = statSync(diskPath);
    const stamp = `${stat.mtimeMs}:${stat.size}`;
    const cached = this.#compiled.get(diskPath);
    if (cached && cached.stamp === stamp) return cached;
    const source = readFileSync(diskPath, 'utf8');
    const entry = { stamp, source, script: new vm.Script(source, { filename: diskPath }) };
    this.#compiled.set(diskPath, entry);
    return entry;
  }
}
