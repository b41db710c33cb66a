import PDFDocument from 'pdfkit';

export const MM = 72 / 25.4;

/** Called as a large job goes on, so that a user can see how far it has got. */
export type Progress = (done: number, total: number) => void;

/** What a long rendering is told as it goes: how to report progress, and when to give up (a user cancelled). */
export interface JobControl {
  readonly onProgress?: Progress;
  readonly signal?: AbortSignal;
}

/** How often a long rendering yields to the event loop, so that the server keeps answering others. */
export const YIELD_EVERY = 250;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** At each yield: report how far it got, let others be served, and stop if the job was cancelled meanwhile. */
export async function reportAndYield(control: JobControl, done: number, total: number): Promise<void> {
  control.onProgress?.(done, total);
  await yieldToEventLoop();
  control.signal?.throwIfAborted();
}

/** A pdfkit document whose output is collected, and a promise of the finished file. */
export function pdfDocument(options: PDFKit.PDFDocumentOptions & { title: string }): { doc: PDFKit.PDFDocument; finished: Promise<Uint8Array> } {
  const { title, ...rest } = options;
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, ...rest, info: { Title: title, Creator: 'Guanxi', Producer: 'Guanxi (pdfkit)' } });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => {
      // A plain Uint8Array: the store's PouchDB typings make Buffer a type of its own.
      const file = Buffer.concat(chunks);
      resolve(new Uint8Array(file.buffer, file.byteOffset, file.byteLength));
    });
    doc.on('error', reject);
  });
  return { doc, finished };
}
