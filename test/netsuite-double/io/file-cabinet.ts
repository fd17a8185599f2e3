// The account's File Cabinet: folders and files, content kept as BYTES (a PDF label stays the exact
// bytes FedEx sent, whatever the script's string handling). N/file (modules/file.ts) is the script
// view of it; the HTTP server serves its media URLs.
import { createHash } from 'node:crypto';
import { ioError } from './errors.js';

/** file.Type values (the names), with the MIME type served and whether contents are base64. */
export const FILE_TYPES = {
  APPCACHE: { mime: 'text/cache-manifest', binary: false },
  AUTOCAD: { mime: 'application/x-autocad', binary: true },
  BMPIMAGE: { mime: 'image/x-xbitmap', binary: true },
  CERTIFICATE: { mime: 'application/x-x509-ca-cert', binary: true },
  CONFIG: { mime: 'text/xml', binary: false },
  CSV: { mime: 'text/csv', binary: false },
  EXCEL: { mime: 'application/vnd.ms-excel', binary: true },
  FLASH: { mime: 'application/x-shockwave-flash', binary: true },
  FREEMARKER: { mime: 'text/html', binary: false },
  GIFIMAGE: { mime: 'image/gif', binary: true },
  GZIP: { mime: 'application/x-gzip-compressed', binary: true },
  HTMLDOC: { mime: 'text/html', binary: false },
  ICON: { mime: 'image/ico', binary: true },
  JAVASCRIPT: { mime: 'text/javascript', binary: false },
  JPGIMAGE: { mime: 'image/jpeg', binary: true },
  JSON: { mime: 'application/json', binary: false },
  MESSAGERFC: { mime: 'message/rfc822', binary: false },
  MISCBINARY: { mime: 'application/octet-stream', binary: true },
  MISCTEXT: { mime: 'text/plain', binary: false },
  MP3: { mime: 'audio/mpeg', binary: true },
  MPEGMOVIE: { mime: 'video/mpeg', binary: true },
  MSPROJECT: { mime: 'application/vnd.ms-project', binary: true },
  PDF: { mime: 'application/pdf', binary: true },
  PJPGIMAGE: { mime: 'image/pjpeg', binary: true },
  PLAINTEXT: { mime: 'text/plain', binary: false },
  PNGIMAGE: { mime: 'image/png', binary: true },
  POSTSCRIPT: { mime: 'application/postscript', binary: true },
  POWERPOINT: { mime: 'application/vnd.ms-powerpoint', binary: true },
  QUICKTIME: { mime: 'video/quicktime', binary: true },
  RTF: { mime: 'application/rtf', binary: false },
  SCSS: { mime: 'text/x-scss', binary: false },
  SMS: { mime: 'application/sms', binary: false },
  STYLESHEET: { mime: 'text/css', binary: false },
  SVG: { mime: 'image/svg+xml', binary: false },
  TAR: { mime: 'application/x-tar', binary: true },
  TIFFIMAGE: { mime: 'image/tiff', binary: true },
  VISIO: { mime: 'application/vnd.visio', binary: true },
  WEBAPPPAGE: { mime: 'text/html', binary: false },
  WEBAPPSCRIPT: { mime: 'application/x-javascript', binary: false },
  WORD: { mime: 'application/msword', binary: true },
  XMLDOC: { mime: 'text/xml', binary: false },
  XSD: { mime: 'application/xsd', binary: false },
  ZIP: { mime: 'application/zip', binary: true },
} as const satisfies Record<string, { mime: string; binary: boolean }>;
export type FileTypeName = keyof typeof FILE_TYPES;

export function isFileType(value: unknown): value is FileTypeName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FILE_TYPES, value);
}

/** NetSuite's limit for file contents created or loaded by a script. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface StoredFile {
  readonly id: number;
  readonly name: string;
  readonly folder: number;
  readonly fileType: FileTypeName;
  readonly bytes: Uint8Array;
  readonly encoding: string;
  readonly description: string;
  readonly isOnline: boolean;
  readonly isInactive: boolean;
  /** The `h` parameter of the media URL; changes when the content changes. */
  readonly hash: string;
}

export interface Folder {
  readonly id: number;
  readonly name: string;
  readonly parent: number | undefined;
}

/** Folders every account has (internal ids as in NetSuite). */
const SYSTEM_FOLDERS: Folder[] = [
  { id: -15, name: 'SuiteScripts', parent: undefined },
  { id: -10, name: 'Attachments Received', parent: undefined },
  { id: -14, name: 'Attachments Sent', parent: undefined },
  { id: -4, name: 'Images', parent: undefined },
  { id: -20, name: 'SuiteApps', parent: undefined },
];

export type NewFile = Omit<StoredFile, 'id' | 'hash'> & { id?: number };

export class FileCabinet {
  readonly #files = new Map<number, StoredFile>();
  readonly #folders = new Map<number, Folder>(SYSTEM_FOLDERS.map((f) => [f.id, f]));
  #nextFileId = 1001;
  #nextFolderId = 101;

  constructor(readonly accountId: string) {}

  /** Creates a folder (or returns the existing one of that name under `parent`). */
  addFolder(name: string, parent?: number): Folder {
    if (parent !== undefined) this.folder(parent);
    const existing = [...this.#folders.values()].find((f) => f.name === name && f.parent === parent);
    if (existing) return existing;
    const folder = { id: this.#nextFolderId++, name, parent };
    this.#folders.set(folder.id, folder);
    return folder;
  }

  /** Creates every folder along a path such as 'SuiteApps/com.mlfx.fedexconnector/labels'. */
  addFolderPath(path: string): Folder {
    let folder: Folder | undefined;
    for (const part of path.split('/').filter(Boolean)) folder = this.addFolder(part, folder?.id);
    if (!folder) throw new Error(`empty folder path: ${path}`);
    return folder;
  }

  folder(id: number): Folder {
    const folder = this.#folders.get(Number(id));
    if (!folder) throw ioError('INVALID_KEY_OR_REF', `Invalid folder reference key ${id}.`);
    return folder;
  }

  folderPath(id: number): string {
    const names: string[] = [];
    for (let f: Folder | undefined = this.folder(id); f; f = f.parent === undefined ? undefined : this.folder(f.parent)) {
      names.unshift(f.name);
    }
    return names.join('/');
  }

  /**
   * Saves a file. As in NetSuite, saving a file whose name already exists in the folder replaces
   * that file's content and keeps its internal id.
   */
  save(file: NewFile): StoredFile {
    this.folder(file.folder);
    if (file.bytes.byteLength > MAX_FILE_BYTES) {
      throw ioError('SSS_FILE_CONTENT_SIZE_EXCEEDED', 'The file content exceeds the maximum allowed size of 10 MB.');
    }
    const sameName = [...this.#files.values()].find((f) => f.folder === file.folder && f.name === file.name);
    const id = file.id ?? sameName?.id ?? this.#nextFileId++;
    if (sameName && sameName.id !== id) this.#files.delete(sameName.id);
    const stored: StoredFile = Object.freeze({
      ...file,
      id,
      bytes: new Uint8Array(file.bytes),
      hash: createHash('sha256').update(`${id}:`).update(file.bytes).digest('hex').slice(0, 24),
    });
    this.#files.set(id, stored);
    return stored;
  }

  /** By internal id, or by path ('SuiteScripts/a.txt', with or without a leading slash). */
  load(idOrPath: number | string): StoredFile {
    const asNumber = typeof idOrPath === 'number' ? idOrPath : /^\d+$/.test(idOrPath) ? Number(idOrPath) : undefined;
    const file =
      asNumber !== undefined ? this.#files.get(asNumber) : this.#byPath(String(idOrPath).replace(/^\/+/, ''));
    if (!file) throw ioError('RCRD_DSNT_EXIST', `That record does not exist. (file ${idOrPath})`);
    return file;
  }

  find(id: number): StoredFile | undefined {
    return this.#files.get(id);
  }

  delete(id: number): void {
    if (!this.#files.delete(Number(id))) throw ioError('RCRD_DSNT_EXIST', `That record does not exist. (file ${id})`);
  }

  list(): StoredFile[] {
    return [...this.#files.values()];
  }

  pathOf(file: StoredFile): string {
    return `${this.folderPath(file.folder)}/${file.name}`;
  }

  /** The relative media URL NetSuite gives File.url. */
  urlOf(file: StoredFile): string {
    return `/core/media/media.nl?id=${file.id}&c=${encodeURIComponent(this.accountId)}&h=${file.hash}`;
  }

  #byPath(path: string): StoredFile | undefined {
    return [...this.#files.values()].find((f) => this.pathOf(f) === path);
  }
}
