/** Paper -> CSL-JSON, the input of every citation style (and the csl-json output format). */
import type { Paper, Person } from '../model/paper.js';
import { CSL_TYPES } from '../model/vocabulary.js';

export interface CslName {
  family?: string;
  given?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: string;
  title: string;
  author: CslName[];
  editor?: CslName[];
  issued: { 'date-parts': [number[]] };
  'container-title'?: string;
  'event-title'?: string;
  /** CSL 1.0.1's name for `event-title`, which many styles still read. */
  event?: string;
  'event-place'?: string;
  genre?: string;
  volume?: string;
  issue?: string;
  page?: string;
  publisher?: string;
  'publisher-place'?: string;
  number?: string;
  DOI?: string;
  URL?: string;
  ISBN?: string;
  status?: string;
  abstract?: string;
  keyword?: string;
  note?: string;
}

export function toCslName(person: Person): CslName {
  if (person.literal) return { literal: person.literal };
  const name: CslName = {};
  if (person.family) name.family = person.family;
  if (person.given) name.given = person.given;
  if (person.particle) name['non-dropping-particle'] = person.particle;
  if (person.suffix) name.suffix = person.suffix;
  return name;
}

export function arxivUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function doiUrl(doi: string): string {
  return `https://doi.org/${doi}`;
}

export function toCsl(paper: Paper): CslItem {
  const { year, month, day } = paper.date;
  const item: CslItem = {
    id: paper.id,
    type: CSL_TYPES[paper.type],
    title: paper.title,
    author: paper.authors.map(toCslName),
    issued: { 'date-parts': [[year, ...(month ? [month] : []), ...(month && day ? [day] : [])]] },
  };
  if (paper.editors) item.editor = paper.editors.map(toCslName);
  const presented = paper.type === 'talk' || paper.type === 'poster';
  if (paper.venue) {
    if (presented) {
      item['event-title'] = paper.venue;
      item.event = paper.venue;
    } else {
      item['container-title'] = paper.venue;
    }
  }
  if (paper.type === 'poster') item.genre = 'Poster';
  if (paper.volume !== undefined) item.volume = String(paper.volume);
  if (paper.issue !== undefined) {
    // A report's or a patent's number is CSL's `number`; a journal's is its `issue`.
    if (paper.type === 'report' || paper.type === 'patent') item.number = String(paper.issue);
    else item.issue = String(paper.issue);
  }
  if (paper.pages !== undefined) item.page = String(paper.pages);
  if (paper.publisher) item.publisher = paper.publisher;
  if (paper.location) item[presented ? 'event-place' : 'publisher-place'] = paper.location;
  if (paper.isbn) item.ISBN = paper.isbn;
  if (paper.doi) item.DOI = paper.doi;
  if (paper.type === 'preprint' && paper.arxiv) {
    // The repository is the publisher and the id its number. Not Zotero's "arXiv:2211.04898"
    // as the number: styles that print both (IEEE's "publisher: number") said "arXiv: arXiv:".
    item.publisher ??= 'arXiv';
    item.number = paper.arxiv;
  }
  const url =
    paper.url ??
    (paper.arxiv && paper.type === 'preprint' ? arxivUrl(paper.arxiv) : undefined) ??
    (paper.type === 'software' ? paper.code : undefined);
  if (url) item.URL = url;
  if (paper.status) item.status = paper.status;
  if (paper.abstract) item.abstract = paper.abstract;
  if (paper.topics?.length) item.keyword = paper.topics.join(', ');
  if (paper.note) item.note = paper.note;
  return item;
}
