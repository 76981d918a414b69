/**
 * A preprint and its published version in one import — Google Scholar, Zotero and DBLP
 * exports hold both, under different DOIs (10.48550/arXiv.X and the proceedings') — are one
 * paper: the published version, which keeps the preprint's arXiv id. A preprint is a paper
 * of type `preprint`, one with an arXiv DOI, or one in a preprint server's "journal" (DBLP
 * files ECCC reports as articles).
 */
import type { Person } from '../model/paper.js';
import type { SourcePosition } from '../model/problems.js';
import type { PaperType } from '../model/vocabulary.js';
import {
  normalise,
  orderedFields,
  readName,
  toArxiv,
  type ImportedPaper,
  type PaperFields,
  type ReadResult,
} from './record.js';

/** A preprint imported as its published version. */
export interface MergedPreprint {
  key?: string;
  position: SourcePosition;
  /** The preprint's arXiv id, which the published version takes. */
  arxiv?: string;
  /** The address of a preprint not on arXiv (an ECCC report), which the published version keeps as `extra.preprint`. */
  link?: string;
  /** The published version's entry. */
  published: ImportedPaper;
  /** The preprint's own entry, imported after all when the published version is not. */
  preprint: ImportedPaper;
}

/** The types of a version published in a venue, which a preprint of it precedes. */
const PUBLISHED: ReadonlySet<PaperType> = new Set<PaperType>([
  'journal',
  'conference',
  'workshop',
  'shared-task',
  'chapter',
  'book',
]);

/**
 * Preprint servers and report series that exports file as journals (DBLP's ECCC and
 * Cryptology ePrint Archive, Zotero's arXiv): no paper there is a published version.
 */
const PREPRINT_VENUE =
  /\b(arxiv|corr|eccc|electron(ic|\.)? colloquium (on )?comput(ational|\.) complex|e-?print arch|biorxiv|medrxiv|chemrxiv|psyarxiv|techrxiv|ssrn|research square|preprints?)\b/i;

/** Of several published versions, the arXiv id goes to the journal's, the most complete. */
const PREFERENCE: readonly PaperType[] = ['journal', 'conference', 'workshop', 'shared-task'];

/** `10.48550/arXiv.2302.06984`: the DOI arXiv gives each of its papers. */
export function arxivOfDoi(doi: string | undefined): string | undefined {
  const match = doi === undefined ? null : /^10\.48550\/arxiv\.(.+)$/i.exec(doi);
  return match?.[1] ? toArxiv(match[1]) : undefined;
}

/** What tells a preprint from a published version, in an imported paper and in the database. */
type Kind = Pick<PaperFields, 'type' | 'doi' | 'venue'>;

export function isPreprint(paper: Kind): boolean {
  return (
    paper.type === 'preprint' ||
    arxivOfDoi(paper.doi) !== undefined ||
    PREPRINT_VENUE.test(paper.venue ?? '')
  );
}

export function isPublished(paper: Kind): boolean {
  return PUBLISHED.has(paper.type) && !isPreprint(paper);
}

/** The title and the authors' family names, each as `normalise` writes them. */
export function workKey(title: string, authors: readonly (Person | string)[]): string | undefined {
  const families = authors.map((person) =>
    typeof person === 'string' ? '' : normalise(person.family ?? person.literal ?? ''),
  );
  const normalised = normalise(title);
  if (!normalised || families.length === 0 || families.some((family) => !family)) return undefined;
  return `${normalised}\n${families.join('\n')}`;
}

/** The work an imported paper is a version of. */
export function importedWorkKey({ paper }: ImportedPaper): string | undefined {
  return workKey(paper.title, (paper.authors ?? []).map(readName));
}

/** Whether two arXiv ids, either possibly missing, allow the papers to be one work. */
export const arxivAgrees = (one: string | undefined, other: string | undefined) =>
  one === undefined ||
  other === undefined ||
  one.toLowerCase().replace(/v\d+$/, '') === other.toLowerCase().replace(/v\d+$/, '');

/**
 * Of the published versions of a preprint's work, those it may be (none with another arXiv
 * id: that is another paper's version), the one it merges into first.
 */
export function publishedVersions<T extends { paper: Pick<PaperFields, 'type' | 'arxiv'> }>(
  versions: readonly T[],
  arxiv: string | undefined,
): T[] {
  return versions
    .filter((version) => arxivAgrees(version.paper.arxiv, arxiv))
    .sort((a, b) => rank(a) - rank(b));
}

/**
 * Takes each preprint that has a published version of the same title and authors in the
 * files out of its file's papers, and gives the published version its arXiv id (a version
 * with another arXiv id is another paper's version). Returns, per file, the preprints taken
 * out.
 */
export function mergePreprints(reads: readonly { result: ReadResult }[]): MergedPreprint[][] {
  const published = new Map<string, ImportedPaper[]>();
  for (const { result } of reads) {
    for (const imported of result.papers) {
      if (!isPublished(imported.paper)) continue;
      const key = importedWorkKey(imported);
      if (key === undefined) continue;
      const versions = published.get(key);
      if (versions) versions.push(imported);
      else published.set(key, [imported]);
    }
  }
  return reads.map(({ result }) => {
    const list: MergedPreprint[] = [];
    result.papers = result.papers.filter((imported) => {
      const key = isPreprint(imported.paper) ? importedWorkKey(imported) : undefined;
      const versions = key === undefined ? undefined : published.get(key);
      if (versions === undefined) return true;
      const arxiv = imported.paper.arxiv ?? arxivOfDoi(imported.paper.doi);
      const candidates = publishedVersions(versions, arxiv);
      const chosen = candidates[0];
      if (chosen === undefined) return true;
      const link = arxiv === undefined ? preprintLink(imported.paper) : undefined;
      // The same version from another file (same DOI) takes it too, whichever the import keeps.
      const doi = chosen.paper.doi?.toLowerCase();
      for (const version of candidates) {
        const same = version === chosen || (doi && version.paper.doi?.toLowerCase() === doi);
        if (arxiv && same && version.paper.arxiv === undefined) {
          version.paper = orderedFields({ ...version.paper, arxiv });
        }
        if (link && same) version.paper = withPreprintLink(version.paper, link);
      }
      list.push({
        ...(imported.key === undefined ? {} : { key: imported.key }),
        position: imported.position,
        ...(arxiv === undefined ? {} : { arxiv }),
        ...(link === undefined ? {} : { link }),
        published: chosen,
        preprint: imported,
      });
      return false;
    });
    return list;
  });
}

/**
 * The address that identifies a preprint not on arXiv (whose id the published version
 * takes): its URL (`https://eccc.weizmann.ac.il/report/2024/079`), else its DOI's link (a
 * bioRxiv preprint's, whose URL was only that).
 */
function preprintLink(paper: PaperFields): string | undefined {
  return paper.url ?? (paper.doi === undefined ? undefined : `https://doi.org/${paper.doi}`);
}

/** The published version with a preprint's address as `extra.preprint`, unless it has one. */
export function withPreprintLink<T extends PaperFields>(paper: T, link: string): T {
  if (paper.extra?.preprint !== undefined) return paper;
  return orderedFields({ ...paper, extra: { ...paper.extra, preprint: link } });
}

function rank({ paper }: { paper: Pick<PaperFields, 'type'> }): number {
  const index = PREFERENCE.indexOf(paper.type);
  return index === -1 ? PREFERENCE.length : index;
}
