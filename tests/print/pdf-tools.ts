import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Reading a PDF as a person would, with poppler-utils (scripts/ensure-test-tools.sh installs it):
 * its text, where each word stands, and its first page as a picture.
 */
const run = promisify(execFile);
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

export interface Word {
  /** 1-based. */
  readonly page: number;
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

export interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly words: Word[];
}

async function withPdfFile<T>(pdf: Uint8Array, work: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, pdf);
    return await work(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `pdftotext`: with `layout` the text laid out as on the page; with `raw` in the order it was
 * drawn, so that a table cell's wrapped lines stay together. Pages are separated by form feeds.
 */
export function pdfText(pdf: Uint8Array, mode: 'layout' | 'raw' = 'layout'): Promise<string> {
  return withPdfFile(pdf, async (file) => (await run('pdftotext', [`-${mode}`, '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout);
}

/** `pdftotext -bbox`: every word with its box in points, page by page. */
export async function pdfPages(pdf: Uint8Array): Promise<PdfPage[]> {
  const html = await withPdfFile(pdf, async (file) => (await run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout);
  const pages: PdfPage[] = [];
  for (const [, attributes, body] of html.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)) {
    const number = pages.length + 1;
    const words = [...body!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      page: number, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: unescapeHtml(m[5]!),
    }));
    pages.push({ width: Number(/width="([\d.]+)"/.exec(attributes!)![1]), height: Number(/height="([\d.]+)"/.exec(attributes!)![1]), words });
  }
  return pages;
}

/** Page 1 at 60 dpi as `test-artifacts/<name>.png`, for a person to look at; returns the PNG's bytes. */
export async function savePageOne(pdf: Uint8Array, name: string): Promise<Buffer> {
  const target = join(ARTIFACTS, name);
  await mkdir(join(target, '..'), { recursive: true });
  await withPdfFile(pdf, (file) => run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, target]));
  return readFile(`${target}.png`);
}

/** Page 1 as an 8-bit grey bitmap (PGM): for counting ink. */
export async function pageOneGrey(pdf: Uint8Array, dpi = 72): Promise<{ width: number; height: number; pixels: Uint8Array }> {
  return withPdfFile(pdf, async (file, dir) => {
    await run('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')]);
    const pgm = await readFile(join(dir, 'page.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))!;
    return { width: Number(header[1]), height: Number(header[2]), pixels: new Uint8Array(pgm.subarray(header[0].length)) };
  });
}

function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
