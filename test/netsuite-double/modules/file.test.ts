import { describe, expect, it } from 'vitest';
import { configureIo } from '../io/io-state.js';
import { testContext } from '../io/test-context.js';
import { createFileModule } from './file.js';

const PDF_BYTES = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]), Buffer.from('\n%%EOF')]);

function setup() {
  const account = {};
  const io = configureIo(account, { accountId: '1234567_SB1' });
  const ctx = testContext(account, { limit: 1_000 });
  return { io, ctx, file: createFileModule(ctx) };
}

describe('N/file', () => {
  it('stores binary contents as the exact bytes and gives base64 back', () => {
    const { file, io, ctx } = setup();
    const folder = io.files.addFolderPath('SuiteApps/com.mlfx.fedexconnector/labels').id;
    const label = file.create({
      name: 'label-1.pdf',
      fileType: file.Type.PDF,
      contents: PDF_BYTES.toString('base64'),
      folder,
      isOnline: true,
    });
    expect(label.id).toBeUndefined();
    expect(label.url).toBeUndefined();
    const id = label.save();
    expect(ctx.governance.used).toBe(20);
    expect(Buffer.from(io.files.load(id).bytes)).toEqual(PDF_BYTES);

    const loaded = file.load({ id });
    expect(ctx.governance.used).toBe(30);
    expect(loaded).toMatchObject({ id, name: 'label-1.pdf', fileType: 'PDF', folder, isOnline: true, size: PDF_BYTES.length });
    expect(loaded.getContents()).toBe(PDF_BYTES.toString('base64'));
    expect(loaded.url).toMatch(new RegExp(`^/core/media/media\\.nl\\?id=${id}&c=1234567_SB1&h=[0-9a-f]+$`));
    expect(loaded.path).toBe('SuiteApps/com.mlfx.fedexconnector/labels/label-1.pdf');
    expect(file.load('SuiteApps/com.mlfx.fedexconnector/labels/label-1.pdf').id).toBe(id);
  });

  it('keeps text as UTF-8, appends lines and iterates them', () => {
    const { file } = setup();
    const log = file.create({ name: 'a.csv', fileType: 'CSV', contents: 'é,1\n', folder: -15 });
    log.appendLine({ value: 'ü,2' });
    const lines: string[] = [];
    log.lines.iterator().each((line) => {
      lines.push(line.value);
      return true;
    });
    expect(lines).toEqual(['é,1', 'ü,2']);
    const id = log.save();
    expect(file.load(id).getContents()).toBe('é,1\nü,2\n');
  });

  it('replaces a same-name file in the same folder, keeping its id', () => {
    const { file } = setup();
    const first = file.create({ name: 'x.json', fileType: 'JSON', contents: '{"v":1}', folder: -15 }).save();
    const second = file.create({ name: 'x.json', fileType: 'JSON', contents: '{"v":2}', folder: -15 }).save();
    expect(second).toBe(first);
    expect(file.load(first).getContents()).toBe('{"v":2}');
  });

  it('fails like NetSuite: bad folder, missing folder, bad base64, unknown id, deleted file', () => {
    const { file } = setup();
    expect(() => file.create({ name: 'a.txt', fileType: 'PLAINTEXT', folder: 999 })).toThrow(
      expect.objectContaining({ name: 'INVALID_KEY_OR_REF' }),
    );
    expect(() => file.create({ name: 'a.txt', fileType: 'PLAINTEXT', contents: 'x' }).save()).toThrow(
      expect.objectContaining({ name: 'SSS_MISSING_REQD_ARGUMENT' }),
    );
    expect(() => file.create({ name: 'a.pdf', fileType: 'PDF', contents: 'not base64!', folder: -15 })).toThrow(
      expect.objectContaining({ name: 'SSS_INVALID_FILE_CONTENT' }),
    );
    expect(() => file.create({ name: 'a', fileType: 'pdf', folder: -15 })).toThrow(
      expect.objectContaining({ name: 'SSS_INVALID_TYPE_ARG' }),
    );
    expect(() => file.load({ id: 4242 })).toThrow(expect.objectContaining({ name: 'RCRD_DSNT_EXIST' }));
    const id = file.create({ name: 'gone.txt', fileType: 'PLAINTEXT', contents: 'x', folder: -15 }).save();
    file.delete({ id });
    expect(() => file.load(id)).toThrow(expect.objectContaining({ name: 'RCRD_DSNT_EXIST' }));
  });

  it('charges governance: save 20, load 10, delete 20', () => {
    const { file, ctx } = setup();
    const id = file.create({ name: 'g.txt', fileType: 'PLAINTEXT', contents: 'x', folder: -15 }).save();
    file.load(id);
    file.delete({ id });
    expect(ctx.governance.charges).toEqual(['file.save:20', 'file.load:10', 'file.delete:20']);
  });
});
