/**
 * Synthetic databases for benchmarks: N papers with 3-12 authors (diacritics included),
 * venues, DOIs, arXiv ids, 8 topics over 30 years. Deterministic for a given seed.
 */

/** mulberry32: a small, fast, seedable generator, so the same seed gives the same database. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = [
  'Ana',
  'Björn',
  'Chloé',
  'Dmitrij',
  'Elif',
  'François',
  'Günther',
  'Hiroshi',
  'Inês',
  'János',
  'Kārlis',
  'Łukasz',
  'Mária',
  'Nuño',
  'Øystein',
  'Pál',
  'Renée',
  'Søren',
  'Tomáš',
  'Zoë',
  'Wei',
  'Yusuf',
  'Ángel',
  'Íñigo',
];
const FAMILY = [
  'Müller',
  'García',
  'Nguyễn',
  'Kowalczyk',
  'Ørsted',
  'Şahin',
  'Dvořák',
  'Håkansson',
  'Jiménez',
  'Björklund',
  'van der Berg',
  'de Rijke',
  'O’Connor',
  'Smith',
  'Zhang',
  'Papadopoulos',
  'Łęcki',
  'Fernández',
  'Bauer',
  'Novák',
  'Kim',
  'Rossi',
  'Dubois',
  'Čapek',
];
const WORDS = [
  'Efficient',
  'Robust',
  'Scalable',
  'Neural',
  'Adaptive',
  'Sparse',
  'Multilingual',
  'Learning',
  'Inference',
  'Translation',
  'Reasoning',
  'Models',
  'Representations',
  'Attention',
  'Transformers',
  'Benchmark',
  'Quantization',
  'Distillation',
  'Graphs',
  'Retrieval',
  'Alignment',
  'Optimization',
  'Turbulence',
  'Embeddings',
];
const VENUES = [
  'Proceedings of the Annual Meeting of the Association for Computational Linguistics',
  'Advances in Neural Information Processing Systems',
  'International Conference on Machine Learning',
  'Transactions of the Association for Computational Linguistics',
  'Journal of Machine Learning Research',
  'Findings of the Association for Computational Linguistics: EMNLP',
  'Proceedings of the Conference on Machine Translation',
  'Physical Review Fluids',
];
const TOPICS = ['CL', 'LG', 'CV', 'IR', 'AI', 'NE', 'SD', 'FLU-DYN'];
const TYPES = ['conference', 'conference', 'journal', 'preprint', 'workshop', 'shared-task'];
export const SYNTHETIC_OWNER = 'Baohao Liao';

export function syntheticDatabase(count: number, seed = 20260101): string {
  const random = randomSource(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const lines = [
    'owner:',
    `  name: ${SYNTHETIC_OWNER}`,
    'topics:',
    ...TOPICS.map((topic) => `  ${topic}: Topic ${topic}`),
    'papers:',
  ];
  for (let index = 0; index < count; index++) {
    const year = int(1997, 2026);
    const type = pick(TYPES);
    const authorCount = int(3, 12);
    const ownerAt = random() < 0.9 ? int(0, authorCount - 1) : -1;
    const title = Array.from({ length: int(4, 10) }, () => pick(WORDS)).join(' ');
    lines.push(
      `  - id: p${index}`,
      `    type: ${type}`,
      `    title: "${title} ${index}"`,
      '    authors:',
      ...Array.from({ length: authorCount }, (_, i) =>
        i === ownerAt ? `      - ${SYNTHETIC_OWNER}` : `      - ${pick(GIVEN)} ${pick(FAMILY)}`,
      ),
      `    date: ${year}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
      `    topics: [${[...new Set([pick(TOPICS), pick(TOPICS)])].join(', ')}]`,
    );
    if (type === 'preprint') {
      lines.push(
        `    arxiv: '${String(year % 100).padStart(2, '0')}${String(int(1, 12)).padStart(2, '0')}.${String(int(0, 99999)).padStart(5, '0')}'`,
      );
    } else {
      lines.push(
        `    venue: "${pick(VENUES)} ${year}"`,
        `    pages: ${int(1, 900)}-${int(901, 1800)}`,
        `    doi: 10.${int(1000, 99999)}/synthetic.${year}.${index}`,
      );
      if (type === 'journal') lines.push(`    volume: ${int(1, 60)}`, `    issue: ${int(1, 12)}`);
    }
    if (random() < 0.3) lines.push(`    code: https://github.com/example/repo-${index}`);
    if (random() < 0.1) lines.push('    selected: true');
  }
  return `${lines.join('\n')}\n`;
}

/** BibTeX spellings of the synthetic names, as exporters write them. */
const LATEX_SPELLINGS: Record<string, string> = {
  Björn: 'Bj{\\"o}rn',
  Chloé: "Chlo{\\'e}",
  François: 'Fran{\\c{c}}ois',
  Günther: 'G{\\"u}nther',
  Łukasz: '{\\L}ukasz',
  Øystein: '{\\O}ystein',
  Müller: 'M{\\"u}ller',
  Dvořák: "Dvo{\\v{r}}{\\'a}k",
  Håkansson: 'H{\\r{a}}kansson',
  Čapek: '{\\v{C}}apek',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A BibTeX file of `count` entries for the import benchmark: LaTeX accents, protected
 * capitals, math, month macros, an @string, crossrefs to proceedings, arXiv eprints, and
 * every twentieth entry carrying one of `knownDois`, so that duplicates are found.
 */
export function syntheticBibtex(
  count: number,
  knownDois: readonly string[],
  seed = 20260202,
): string {
  const random = randomSource(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const name = () => {
    const given = pick(GIVEN);
    const family = pick(FAMILY);
    return `${LATEX_SPELLINGS[family] ?? family}, ${LATEX_SPELLINGS[given] ?? given}`;
  };
  const chunks = ['@string{acl = {Proceedings of the Annual Meeting of the ACL}}\n'];
  const proceedings = new Set<number>();
  for (let index = 0; index < count; index++) {
    const year = int(1997, 2026);
    const words = Array.from({ length: int(4, 10) }, () => pick(WORDS));
    const title = `{${words[0]}} ${words.slice(1).join(' ')} with $\\alpha$-{BERT} ${index}`;
    const authors = Array.from({ length: int(3, 12) }, name).join(' and ');
    const common = [
      `  author = {${authors}}`,
      `  title = {${title}}`,
      `  year = ${year}`,
      `  month = ${pick(MONTHS)}`,
    ];
    const kind = random();
    const known = knownDois[index / 20];
    if (index % 20 === 0 && known) {
      chunks.push(
        `@article{dup${index},\n${[...common, `  journal = {Duplicate}`, `  doi = {${known}}`].join(',\n')}\n}\n`,
      );
    } else if (kind < 0.4) {
      proceedings.add(year);
      chunks.push(
        `@inproceedings{conf${index},\n${[...common, `  pages = {${int(1, 900)}--${int(901, 1800)}}`, `  crossref = {proc${year}}`, `  doi = {10.5555/bench.${index}}`].join(',\n')}\n}\n`,
      );
    } else if (kind < 0.7) {
      chunks.push(
        `@article{jour${index},\n${[...common, `  journal = {Journal of Synthetic Results}`, `  volume = ${int(1, 60)}`, `  number = ${int(1, 12)}`, `  pages = {${int(1, 900)}--${int(901, 1800)}}`, `  doi = {10.5555/bench.${index}}`, `  keywords = {synthetic, benchmark}`].join(',\n')}\n}\n`,
      );
    } else {
      chunks.push(
        `@misc{pre${index},\n${[...common, `  eprint = {${String(year % 100).padStart(2, '0')}${String(int(1, 12)).padStart(2, '0')}.${String(index).padStart(5, '0')}}`, '  archiveprefix = {arXiv}', '  primaryclass = {cs.CL}'].join(',\n')}\n}\n`,
      );
    }
  }
  for (const year of proceedings) {
    chunks.push(
      `@proceedings{proc${year},\n  title = acl # { ${year}},\n  editor = {${name()} and ${name()}},\n  publisher = {ACL},\n  address = {Online},\n  year = ${year}\n}\n`,
    );
  }
  return chunks.join('\n');
}
