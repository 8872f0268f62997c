/** electron-builder.yml: the fuses, the file association, the targets and the files the app ships. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { SCENARIO_EXTENSIONS } from './launch';

interface Target {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  files: string[];
  asar: boolean;
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string | string[]; role?: string }[];
  mac: { target: Target[]; extendInfo: { UTExportedTypeDeclarations: Record<string, unknown>[] } };
  win: { target: Target[] };
  linux: { target: Target[] };
}

const config = load(readFileSync(join(__dirname, '..', 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['onlyLoadAppFromAsar', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['enableCookieEncryption', true],
    ['grantFileProtocolExtraPrivileges', false],
  ])('sets the fuse %s to %s', (fuse, value) => expect(config.electronFuses[fuse]).toBe(value));

  it('packs the app into an asar archive (the asar fuses need one)', () => expect(config.asar).toBe(true));

  it('ships only the main process, the preload, the renderer and package.json', () => {
    expect(config.files).toEqual(['dist/electron/**', 'dist/renderer/**', 'package.json', '!**/*.map']);
  });

  it('associates .ringside files, which the app opens, and declares their UTI on macOS', () => {
    const extensions = config.fileAssociations.flatMap((a) => a.ext);
    expect(extensions).toEqual(['ringside']);
    for (const ext of extensions) expect(SCENARIO_EXTENSIONS).toContain(`.${ext}`);
    const [uti] = config.mac.extendInfo.UTExportedTypeDeclarations;
    expect(uti?.UTTypeIdentifier).toBe('dev.ringside.scenario');
    expect(uti?.UTTypeTagSpecification).toMatchObject({ 'public.filename-extension': ['ringside'] });
  });

  it('builds a dmg and a zip for macOS, every target for x64 and arm64', () => {
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg', 'zip']);
    for (const target of [...config.mac.target, ...config.win.target, ...config.linux.target])
      expect(target.arch, target.target).toEqual(['x64', 'arm64']);
  });
});
