// Submission files as a teacher drops them: loose .json files, or the zip an LMS makes when downloading
// every submission (Canvas: "doejane_12345_67890_name.json", late ones with "_LATE"; Moodle: a folder per
// student, "Jane Doe_12345_assignsubmission_file_/name.json", or the same as a flat name). Zips are read
// with fflate, with caps on entries and sizes so a crafted zip cannot exhaust the page.
import { strFromU8, unzipSync } from 'fflate';
import { MAX_SUBMISSION_BYTES } from './submission.ts';

export const MAX_ZIP_ENTRIES = 5000;
export const MAX_ZIP_TOTAL = 500_000_000;

export interface DroppedFile {
  /** The path shown to the teacher: the file's name, or "archive.zip › inner/name.json". */
  name: string;
  text: string;
}

export interface Skipped {
  name: string;
  reason: string;
}

/** Who an LMS file name says it is from, for display beside what the file itself says. */
export function lmsNameOf(path: string): { lms: 'canvas' | 'moodle'; who: string } | null {
  const base = path.split('/');
  const moodle = /^(.+?)_(\d+)_assignsubmission_[a-z]+_/.exec(base.length > 1 ? base[base.length - 2] + '_' : base[0]);
  if (moodle) return { lms: 'moodle', who: moodle[1] };
  const canvas = /^([a-z-]+)(?:_LATE)?_\d+_\d+_/.exec(base[base.length - 1]);
  if (canvas) return { lms: 'canvas', who: canvas[1] };
  return null;
}

const isJson = (name: string) => /\.json$/i.test(name);

/** Expands dropped files (given as name and bytes) into submission texts, skipping what is not one. */
export function expandFiles(inputs: { name: string; bytes: Uint8Array }[]): { files: DroppedFile[]; skipped: Skipped[] } {
  const files: DroppedFile[] = [];
  const skipped: Skipped[] = [];
  for (const input of inputs) {
    if (/\.zip$/i.test(input.name) || (input.bytes[0] === 0x50 && input.bytes[1] === 0x4b)) {
      let entries: Record<string, Uint8Array>;
      let count = 0;
      let total = 0;
      try {
        entries = unzipSync(input.bytes, {
          filter: (f) => {
            if (f.name.endsWith('/') || !isJson(f.name) || f.name.split('/').some((p) => p.startsWith('__MACOSX') || p.startsWith('.'))) return false;
            count++;
            total += f.originalSize;
            if (f.originalSize > MAX_SUBMISSION_BYTES) {
              skipped.push({ name: `${input.name} › ${f.name}`, reason: `it is ${(f.originalSize / 1e6).toFixed(1)} MB; a submission is at most ${MAX_SUBMISSION_BYTES / 1e6} MB` });
              return false;
            }
            return count <= MAX_ZIP_ENTRIES && total <= MAX_ZIP_TOTAL;
          },
        });
      } catch {
        skipped.push({ name: input.name, reason: 'it is not a zip file that can be read (damaged or cut short)' });
        continue;
      }
      if (count > MAX_ZIP_ENTRIES || total > MAX_ZIP_TOTAL) skipped.push({ name: input.name, reason: `it holds more than ${MAX_ZIP_ENTRIES} files or ${MAX_ZIP_TOTAL / 1e6} MB; only the first were read` });
      for (const [path, bytes] of Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))) {
        files.push({ name: `${input.name} › ${path}`, text: strFromU8(bytes) });
      }
      continue;
    }
    if (input.bytes.length > MAX_SUBMISSION_BYTES) {
      skipped.push({ name: input.name, reason: `it is ${(input.bytes.length / 1e6).toFixed(1)} MB; a submission is at most ${MAX_SUBMISSION_BYTES / 1e6} MB` });
      continue;
    }
    files.push({ name: input.name, text: strFromU8(input.bytes) });
  }
  return { files, skipped };
}

/** A file larger than this is not read at all (expandFiles then skips it by its length). */
const MAX_READ_BYTES = 600_000_000;

/**
 * Reads dropped files and expands them as expandFiles does, `perChunk` files at a time, waiting on
 * `yieldToPage` between chunks: each `arrayBuffer()` call costs the page's thread about half a millisecond,
 * so 500 files read at once held the page for about 0.3 s. The result is the same as reading them at once.
 */
export async function readDropped(
  list: Iterable<File>,
  yieldToPage: () => Promise<void>,
  onProgress: (read: number, total: number) => void = () => {},
  perChunk = 25,
): Promise<{ files: DroppedFile[]; skipped: Skipped[] }> {
  const all = [...list];
  const files: DroppedFile[] = [];
  const skipped: Skipped[] = [];
  for (let i = 0; i < all.length; i += perChunk) {
    const chunk = all.slice(i, i + perChunk);
    const inputs = await Promise.all(chunk.map(async (f) => ({ name: f.name, bytes: f.size > MAX_READ_BYTES ? new Uint8Array(0) : new Uint8Array(await f.arrayBuffer()) })));
    const part = expandFiles(inputs);
    files.push(...part.files);
    skipped.push(...part.skipped);
    onProgress(i + chunk.length, all.length);
    if (i + perChunk < all.length) await yieldToPage();
  }
  return { files, skipped };
}
