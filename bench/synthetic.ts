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
