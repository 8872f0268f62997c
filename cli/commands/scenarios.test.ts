import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_ID } from '../../machines';
import { schemaRefFor } from './scenarios';

describe('schemaRefFor: $schema of a new file', () => {
  describe('on Windows paths', () => {
    const root = 'C:\\Users\\me\\ringside';
    const schema = `${root}\\schema\\ringside.scenario.v1.json`;

    it('inside the clone: a relative path with / (what JSON editors read), whatever the drive letter case', () => {
      expect(schemaRefFor(`${root}\\mine\\a.ringside.json`, schema, root, win32)).toBe(
        '../schema/ringside.scenario.v1.json',
      );
      expect(schemaRefFor('c:\\users\\me\\RINGSIDE\\a.ringside.json', schema, root, win32)).toBe(
        './schema/ringside.scenario.v1.json',
      );
    });

    it('inside the project that installed Ringside under node_modules', () => {
      const installed = 'D:\\work\\app\\node_modules\\ringside';
      expect(
        schemaRefFor(
          'D:\\work\\app\\calls\\a.ringside.json',
          `${installed}\\schema\\ringside.scenario.v1.json`,
          installed,
          win32,
        ),
      ).toBe('../node_modules/ringside/schema/ringside.scenario.v1.json');
    });

    it('elsewhere (another folder, another drive, a sibling with the same prefix): the schema id', () => {
      expect(schemaRefFor('D:\\ringside\\a.ringside.json', schema, root, win32)).toBe(SCHEMA_ID);
      expect(schemaRefFor('C:\\Users\\me\\ringside-old\\a.ringside.json', schema, root, win32)).toBe(SCHEMA_ID);
    });
  });

  it('on POSIX paths, case counts', () => {
    const root = '/home/me/ringside';
    const schema = `${root}/schema/ringside.scenario.v1.json`;
    expect(schemaRefFor(`${root}/a.ringside.json`, schema, root, posix)).toBe('./schema/ringside.scenario.v1.json');
    expect(schemaRefFor('/home/me/Ringside/a.ringside.json', schema, root, posix)).toBe(SCHEMA_ID);
  });
});
