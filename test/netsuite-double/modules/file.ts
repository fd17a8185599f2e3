// N/file over the account's File Cabinet (io/file-cabinet.ts). Content is kept as bytes: binary
// types (PDF, PNG, ZIP, ...) take and give base64 in `contents`/getContents(), as in NetSuite, and
// the stored bytes are exactly the decoded ones. Governance: create 0, save 20, load 10, delete 20.
import type { ScriptRunContext } from '../types.js';
import { ioError, scriptFacing } from '../io/errors.js';
import { FILE_TYPES, MAX_FILE_BYTES, isFileType, type FileCabinet, type FileTypeName, type StoredFile } from '../io/file-cabinet.js';
import { ioStateOf } from '../io/io-state.js';
import { textToBytes } from './encode.js';

/** file.Type: values are the names. */
export const Type = Object.freeze(
  Object.fromEntries(Object.keys(FILE_TYPES).map((name) => [name, name])) as { [K in FileTypeName]: K },
);

/** file.Encoding: the character sets of text files. */
export const Encoding = Object.freeze({
  UTF_8: 'UTF-8',
  WINDOWS_1252: 'windows-1252',
  ISO_8859_1: 'ISO-8859-1',
  GB18030: 'GB18030',
  SHIFT_JIS: 'SHIFT_JIS',
  MAC_ROMAN: 'MacRoman',
  GB2312: 'GB2312',
  BIG5: 'Big5',
} as const);

const SINGLE_BYTE = new Set(['windows-1252', 'ISO-8859-1']);

export const UNITS = { save: 20, load: 10, delete: 20 } as const;

/** Turns script-given `contents` into the bytes to store. */
function contentsToBytes(contents: string, fileType: FileTypeName, encoding: string): Uint8Array {
  if (FILE_TYPES[fileType].binary) {
    try {
      return textToBytes(contents.replace(/\s+/g, ''), 'BASE_64');
    } catch {
      throw ioError('SSS_INVALID_FILE_CONTENT', `Contents of a ${fileType} file must be base64-encoded.`);
    }
  }
  return SINGLE_BYTE.has(encoding) ? Buffer.from(contents, 'latin1') : Buffer.from(contents, 'utf8');
}

function bytesToContents(bytes: Uint8Array, fileType: FileTypeName, encoding: string): string {
  const buffer = Buffer.from(bytes);
  if (FILE_TYPES[fileType].binary) return buffer.toString('base64');
  return SINGLE_BYTE.has(encoding) ? buffer.toString('latin1') : buffer.toString('utf8');
}

interface Draft {
  id: number | undefined;
  name: string;
  fileType: FileTypeName;
  bytes: Uint8Array;
  encoding: string;
  folder: number | undefined;
  description: string;
  isOnline: boolean;
  isInactive: boolean;
}

/** A File object as the script sees it: own properties, setters where NetSuite allows them. */
function fileObject(ctx: ScriptRunContext, cabinet: FileCabinet, draft: Draft) {
  const stored = () => (draft.id === undefined ? undefined : cabinet.find(draft.id));
  const file = {
    get id() {
      return draft.id;
    },
    get name() {
      return draft.name;
    },
    set name(value: string) {
      draft.name = String(value);
    },
    get fileType() {
      return draft.fileType;
    },
    get encoding() {
      return draft.encoding;
    },
    set encoding(value: string) {
      draft.encoding = String(value);
    },
    get folder() {
      return draft.folder;
    },
    set folder(value: number | undefined) {
      draft.folder = value === undefined ? undefined : Number(value);
    },
    get description() {
      return draft.description;
    },
    set description(value: string) {
      draft.description = String(value);
    },
    get isOnline() {
      return draft.isOnline;
    },
    set isOnline(value: boolean) {
      draft.isOnline = Boolean(value);
    },
    get isInactive() {
      return draft.isInactive;
    },
    set isInactive(value: boolean) {
      draft.isInactive = Boolean(value);
    },
    get isText() {
      return !FILE_TYPES[draft.fileType].binary;
    },
    get size() {
      return draft.bytes.byteLength;
    },
    /** Set once saved: NetSuite gives a relative media URL. */
    get url() {
      const saved = stored();
      return saved ? cabinet.urlOf(saved) : undefined;
    },
    get path() {
      const saved = stored();
      return saved ? cabinet.pathOf(saved) : undefined;
    },
    getContents(): string {
      return bytesToContents(draft.bytes, draft.fileType, draft.encoding);
    },
    appendLine(options: { value: string }) {
      if (FILE_TYPES[draft.fileType].binary) throw ioError('SSS_INVALID_FILE_TYPE', 'appendLine works on text files only.');
      const line = `${String(options?.value ?? '')}\n`;
      draft.bytes = Buffer.concat([Buffer.from(draft.bytes), Buffer.from(line, 'utf8')]);
      return facing;
    },
    lines: Object.freeze({
      iterator: () => ({
        each(callback: (line: { value: string }) => boolean) {
          const text = bytesToContents(draft.bytes, draft.fileType, draft.encoding);
          const lines = text.split(/\r?\n/);
          if (lines.at(-1) === '') lines.pop();
          for (const value of lines) if (callback({ value }) === false) break;
        },
      }),
    }),
    save(): number {
      ctx.governance.charge(UNITS.save, 'file.save');
      if (draft.folder === undefined) {
        throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: folder');
      }
      const saved: StoredFile = cabinet.save({
        ...(draft.id !== undefined ? { id: draft.id } : {}),
        name: draft.name,
        folder: draft.folder,
        fileType: draft.fileType,
        bytes: draft.bytes,
        encoding: draft.encoding,
        description: draft.description,
        isOnline: draft.isOnline,
        isInactive: draft.isInactive,
      });
      draft.id = saved.id;
      return saved.id;
    },
  };
  const facing = scriptFacing(ctx, Object.seal(file), 'file.File');
  return facing;
}

export interface CreateOptions {
  name: string;
  fileType: string;
  contents?: string;
  folder?: number;
  encoding?: string;
  description?: string;
  isOnline?: boolean;
  isInactive?: boolean;
}

/** N/file for one script invocation. */
export function createFileModule(ctx: ScriptRunContext) {
  const cabinet = ioStateOf(ctx.account).files;
  const idOf = (options: unknown): number | string => {
    const id = typeof options === 'object' && options !== null ? (options as { id?: unknown }).id : options;
    if (typeof id !== 'number' && typeof id !== 'string') throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: id');
    return id;
  };
  const module = Object.freeze({
    Type,
    Encoding,
    create(options: CreateOptions) {
      if (options == null || typeof options.name !== 'string' || options.name === '') {
        throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: name');
      }
      if (!isFileType(options.fileType)) {
        throw ioError('SSS_INVALID_TYPE_ARG', `fileType: ${String(options.fileType)} is not a file.Type value`);
      }
      if (options.folder !== undefined) cabinet.folder(options.folder); // a nonexistent folder fails here
      const encoding = options.encoding ?? Encoding.UTF_8;
      const bytes = contentsToBytes(String(options.contents ?? ''), options.fileType, encoding);
      if (bytes.byteLength > MAX_FILE_BYTES) {
        throw ioError('SSS_FILE_CONTENT_SIZE_EXCEEDED', 'The file content exceeds the maximum allowed size of 10 MB.');
      }
      return fileObject(ctx, cabinet, {
        id: undefined,
        name: options.name,
        fileType: options.fileType,
        bytes,
        encoding,
        folder: options.folder === undefined ? undefined : Number(options.folder),
        description: options.description ?? '',
        isOnline: options.isOnline ?? false,
        isInactive: options.isInactive ?? false,
      });
    },
    load(options: { id: number | string } | number | string) {
      ctx.governance.charge(UNITS.load, 'file.load');
      const stored = cabinet.load(idOf(options));
      return fileObject(ctx, cabinet, { ...stored, id: stored.id, folder: stored.folder });
    },
    delete(options: { id: number | string }) {
      ctx.governance.charge(UNITS.delete, 'file.delete');
      cabinet.delete(Number(idOf(options)));
    },
  });
  return scriptFacing(ctx, module, 'N/file', false);
}
