/**
 * A preprint and its published version in the files imported are one paper, the published
 * version with the preprint's arXiv id, unless `--keep-preprints`; importing again adds nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { CORPUS } from './support/corpus.js';

const DBLP = join(CORPUS, 'dblp-export-crossref.bib');
const scratch = () => mkdtempSync(join(tmpdir(), 'publist-preprints-'));

function newDatabase(): string {
  const into = join(scratch(), 'papers.yaml');
  writeFileSync(into, 'owner:\n  name: Nutan Limaye\n\npapers: []\n');
  return into;
}

/** The lines of one paper in the database text, from its `- id:` line on. */
function paperLines(text: string, id: string): string {
  const start = text.indexOf(`  - id: ${id}\n`);
  if (start === -1) throw new Error(`no paper ${id}`);
  const end = text.indexOf('\n  - id: ', start + 1);
  return text.slice(start, end === -1 ? undefined : end + 1);
}

/** `papers.yaml:12:5`: where the summary says a paper of the database is. */
function where(file: string, id: string): string {
  const line = readFileSync(file, 'utf8').split('\n').indexOf(`  - id: ${id}`) + 1;
  if (line === 0) throw new Error(`no paper ${id}`);
  return `${file}:${line}:5`;
}

describe('a DBLP export holding the arXiv (CoRR) and ECCC versions of published papers', () => {
  it('imports each preprint as its published version, with the arXiv id, and says which', () => {
    const into = newDatabase();
    const result = runCli(['import', DBLP, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `${DBLP}: BibTeX, 157 entries: 79 added, 37 preprints merged into their published version, 2 duplicates, 39 skipped\n`,
    );
    expect(result.stderr).toContain(
      '\n  a preprint with its published version is one paper; --keep-preprints imports them as papers of their own\n',
    );
    // @article{DBLP:journals/corr/abs-2412-20114, doi = {10.48550/ARXIV.2412.20114},
    // eprint = {2412.20114}} and @inproceedings{DBLP:conf/stoc/HakoniemiLT24,
    // doi = {10.1145/3618260.3649616}}: different DOIs, the same title and authors.
    expect(result.stderr).toContain(
      `  ${DBLP}:91:1: DBLP:journals/corr/abs-2412-20114: preprint of \`DBLP:conf-stoc-HakoniemiLT24\` (same title and authors): one paper, the published version, with the arXiv id 2412.20114\n`,
    );
    expect(result.stderr).toContain(
      `  ${DBLP}:125:1: DBLP:journals/eccc/HakoniemiLT24: preprint of \`DBLP:conf-stoc-HakoniemiLT24\` (same title and authors): one paper, the published version, keeping its address https://eccc.weizmann.ac.il/report/2024/079 as extra.preprint\n`,
    );
    // Of a conference and a journal version, the journal's (the full one) takes the id.
    expect(result.stderr).toContain(
      `  ${DBLP}:808:1: DBLP:journals/corr/abs-1809-05932: preprint of \`DBLP:journals-algorithmica-BajpaiKKLS22\``,
    );
    const text = readFileSync(into, 'utf8');
    expect(paperLines(text, 'DBLP:conf-stoc-HakoniemiLT24')).toContain(
      "    publisher: ACM\n    doi: 10.1145/3618260.3649616\n    arxiv: '2412.20114'\n    extra:\n",
    );
    // The ECCC report is known by its address, which the published version keeps.
    expect(paperLines(text, 'DBLP:conf-stoc-HakoniemiLT24')).toContain(
      '      preprint: https://eccc.weizmann.ac.il/report/2024/079\n',
    );
    expect(paperLines(text, 'DBLP:conf-innovations-BajpaiKKL019')).not.toContain('arxiv:');
    expect(text).not.toContain('id: DBLP:journals-corr-abs-2412-20114\n');
    expect(text).not.toContain('id: DBLP:journals-eccc-HakoniemiLT24\n');
    // A preprint without a published version stays a preprint.
    expect(paperLines(text, 'DBLP:journals-corr-abs-2408-03465')).toContain('    type: preprint\n');
    expect(text.match(/^ {2}- id: /gm)).toHaveLength(79);

    const again = runCli(['import', DBLP, '--into', into]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain(
      '157 entries: 0 added, 118 already in the database, 39 skipped\n',
    );
    expect(again.stderr).toContain(
      `  ${DBLP}:91:1: DBLP:journals/corr/abs-2412-20114: already in the database as \`DBLP:conf-stoc-HakoniemiLT24\` (${where(into, 'DBLP:conf-stoc-HakoniemiLT24')}), its published version (same title and authors), with the arXiv id 2412.20114\n`,
    );
    expect(again.stderr).toContain('0 papers added (79 in all); nothing to write');
    expect(readFileSync(into, 'utf8')).toBe(text);
  });

  it('imports both with --keep-preprints', () => {
    const into = newDatabase();
    const result = runCli(['import', DBLP, '--into', into, '--keep-preprints']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('157 entries: 94 added, 24 duplicates, 39 skipped\n');
    const text = readFileSync(into, 'utf8');
    expect(paperLines(text, 'DBLP:journals-corr-abs-2412-20114')).toContain(
      "    doi: 10.48550/ARXIV.2412.20114\n    arxiv: '2412.20114'\n",
    );
    expect(paperLines(text, 'DBLP:conf-stoc-HakoniemiLT24')).not.toContain('arxiv:');
  });
});

/** Google Scholar's BibTeX: the arXiv version first, its names written another way. */
const SCHOLAR = `@article{hu2021lora,
  title={LoRA: Low-Rank Adaptation of Large Language Models},
  author={Hu, Edward J and Shen, Yelong and Wallis, Phillip},
  journal={arXiv preprint arXiv:2106.09685},
  year={2021}
}

@inproceedings{hu2022lora,
  title={{LoRA}: Low-rank adaptation of large language models},
  author={Edward J. Hu and Yelong Shen and Phillip Wallis},
  booktitle={International Conference on Learning Representations},
  doi={10.5555/iclr.2022.lora},
  year={2022}
}

@article{other2021lora,
  title={LoRA: Low-Rank Adaptation of Large Language Models},
  author={Someone, Else},
  journal={arXiv preprint arXiv:2106.99999},
  year={2021}
}
`;

/** Zotero's CSL-JSON of the arXiv version: only the arXiv DOI says what it is. */
const ZOTERO = JSON.stringify([
  {
    id: 'http://zotero.org/users/1/items/ABC',
    type: 'article',
    title: 'LoRA: Low-Rank Adaptation of Large Language Models',
    author: [
      { family: 'Hu', given: 'Edward J.' },
      { family: 'Shen', given: 'Yelong' },
      { family: 'Wallis', given: 'Phillip' },
    ],
    DOI: '10.48550/arXiv.2106.09685',
    issued: { 'date-parts': [[2021, 6, 17]] },
  },
]);

describe('a preprint and its published version from Google Scholar and Zotero', () => {
  it('are one paper whichever comes first, a namesake by other authors is not, and importing again adds nothing', () => {
    const dir = scratch();
    const scholar = join(dir, 'scholar.bib');
    writeFileSync(scholar, SCHOLAR);
    const into = newDatabase();
    const result = runCli(['import', scholar, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'scholar.bib: BibTeX, 3 entries: 2 added, 1 preprint merged into its published version\n',
    );
    expect(result.stderr).toContain(
      '\n  a preprint with its published version is one paper; --keep-preprints imports it as a paper of its own\n',
    );
    expect(result.stderr).toContain(
      `  ${scholar}:1:1: hu2021lora: preprint of \`hu2022lora\` (same title and authors): one paper, the published version, with the arXiv id 2106.09685\n`,
    );
    const text = readFileSync(into, 'utf8');
    expect(paperLines(text, 'hu2022lora')).toBe(
      [
        '  - id: hu2022lora',
        '    type: conference',
        "    title: 'LoRA: Low-rank adaptation of large language models'",
        '    authors:',
        '      - Edward J. Hu',
        '      - Yelong Shen',
        '      - Phillip Wallis',
        '    date: 2022',
        '    venue: International Conference on Learning Representations',
        '    doi: 10.5555/iclr.2022.lora',
        "    arxiv: '2106.09685'",
        '',
      ].join('\n'),
    );
    expect(paperLines(text, 'other2021lora')).toContain('    type: preprint\n');
    expect(text).not.toContain('id: hu2021lora');

    const zotero = join(dir, 'zotero.json');
    writeFileSync(zotero, ZOTERO);
    const again = runCli(['import', scholar, zotero, '--into', into]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('3 entries: 0 added, 3 already in the database\n');
    expect(again.stderr).toContain(
      'zotero.json: CSL-JSON, 1 entry: 0 added, 1 already in the database\n',
    );
    expect(again.stderr).toContain(
      `  ${zotero}:1:2: http://zotero.org/users/1/items/ABC: already in the database as \`hu2022lora\` (${where(into, 'hu2022lora')}), its published version (same title and authors), with the arXiv id 2106.09685\n`,
    );
    // Alone, the Zotero item is known by the arXiv id its DOI names.
    const alone = runCli(['import', zotero, '--into', into]);
    expect(alone.stderr).toContain(
      `  ${zotero}:1:2: http://zotero.org/users/1/items/ABC: already in the database as \`hu2022lora\` (same arXiv id 2106.09685)\n`,
    );
    expect(readFileSync(into, 'utf8')).toBe(text);
  });

  it('gives a published version already in the database the arXiv id with --update', () => {
    const dir = scratch();
    const scholar = join(dir, 'scholar.bib');
    writeFileSync(scholar, SCHOLAR);
    const into = join(dir, 'papers.yaml');
    writeFileSync(
      into,
      `owner:\n  name: Edward J. Hu\n\npapers:\n  - id: lora\n    type: conference\n    title: 'LoRA: Low-rank adaptation of large language models'\n    authors: [Edward J. Hu, Yelong Shen, Phillip Wallis]\n    date: 2022\n    doi: 10.5555/iclr.2022.lora\n`,
    );
    const plain = runCli(['import', scholar, '--into', into]);
    expect(plain.stderr).toContain(
      `  ${scholar}:1:1: hu2021lora: already in the database as \`lora\` (${into}:5:5), its published version (same title and authors); --update gives it the arXiv id 2106.09685\n`,
    );
    const updated = runCli(['import', scholar, '--into', into, '--update']);
    expect(updated.status).toBe(0);
    expect(updated.stderr).toContain(
      `  ${scholar}:1:1: hu2021lora: already in the database as \`lora\` (${into}:5:5), its published version (same title and authors), with the arXiv id 2106.09685\n`,
    );
    expect(readFileSync(into, 'utf8')).toContain(
      "    doi: 10.5555/iclr.2022.lora\n    arxiv: '2106.09685'\n",
    );
  });
});

/** A published version with a character no paper may hold (U+202E, in its venue). */
const WITHDRAWN = `@article{pre2020,
  title = {Counting Things Fast},
  author = {Smith, John and Doe, Jane},
  journal = {arXiv preprint arXiv:2001.00001},
  year = {2020}
}

@inproceedings{pub2021,
  title = {Counting Things Fast},
  author = {Smith, John and Doe, Jane},
  booktitle = {Proceedings of \u202EThings},
  year = {2021}
}
`;

describe('a preprint whose published version would not validate', () => {
  it('is imported on its own, and the summary says why', () => {
    const dir = scratch();
    const bib = join(dir, 'withdrawn.bib');
    writeFileSync(bib, WITHDRAWN);
    const into = newDatabase();
    const result = runCli(['import', bib, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`${bib}: BibTeX, 2 entries: 1 added, 1 skipped\n`);
    expect(result.stderr).toContain(
      `  ${bib}:1:1: pre2020: its published version \`pub2021\` (${bib}:8:1) would not validate; the preprint is imported on its own\n`,
    );
    expect(result.stderr).toContain(
      `  ${bib}:8:1: pub2021: skipped: it would not validate: venue: contains the invisible control character U+202E\n`,
    );
    expect(result.stderr).not.toContain('merged into');
    const text = readFileSync(into, 'utf8');
    expect(paperLines(text, 'pre2020')).toContain('    type: preprint\n');
    expect(paperLines(text, 'pre2020')).toContain("    arxiv: '2001.00001'");
    expect(text).not.toContain('pub2021');
  });
});

/** The database of an earlier import: a published paper, and a preprint not yet published. */
const DATABASE = `owner:
  name: Edward J. Hu

papers:
  - id: lora
    type: conference
    title: 'LoRA: Low-rank adaptation of large language models'
    authors: [Edward J. Hu, Yelong Shen, Phillip Wallis]
    date: 2022
    doi: 10.5555/iclr.2022.lora
  - id: count-pre
    type: preprint
    title: Counting Things Fast
    authors: [John Smith, Jane Doe]
    date: 2020
    arxiv: '2001.00001'
`;

/** The preprint of the one, the published version of the other. */
const LATER = `@article{hu2021lora,
  title={LoRA: Low-Rank Adaptation of Large Language Models},
  author={Hu, Edward J and Shen, Yelong and Wallis, Phillip},
  journal={arXiv preprint arXiv:2106.09685},
  year={2021}
}

@inproceedings{count2021,
  title = {Counting Things Fast},
  author = {Smith, John and Doe, Jane},
  booktitle = {Proceedings of Things},
  year = {2021}
}
`;

describe('a preprint or a published version whose other version is in the database', () => {
  it('is the published version, or is added and names the preprint there', () => {
    const dir = scratch();
    const bib = join(dir, 'later.bib');
    writeFileSync(bib, LATER);
    const into = join(dir, 'papers.yaml');
    writeFileSync(into, DATABASE);
    const result = runCli(['import', bib, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `${bib}: BibTeX, 2 entries: 1 added, 1 already in the database\n`,
    );
    expect(result.stderr).toContain(
      `  ${bib}:1:1: hu2021lora: already in the database as \`lora\` (${into}:5:5), its published version (same title and authors); --update gives it the arXiv id 2106.09685\n`,
    );
    expect(result.stderr).toContain(
      `  ${bib}:8:1: count2021: the published version of \`count-pre\` (${into}:11:5), a preprint in the database (same title and authors): both are there now; remove the preprint if you want one paper, after giving this paper its arXiv id 2001.00001 (the import does not change papers already there)\n`,
    );
    const text = readFileSync(into, 'utf8');
    expect(text.startsWith(DATABASE)).toBe(true);
    expect(text).not.toContain('hu2021lora');
    expect(paperLines(text, 'count2021')).toContain('    type: conference\n');
  });

  it('gives the published version only the arXiv id with --update, then adds nothing', () => {
    const dir = scratch();
    const bib = join(dir, 'later.bib');
    writeFileSync(bib, LATER.slice(0, LATER.indexOf('@inproceedings')));
    const into = join(dir, 'papers.yaml');
    writeFileSync(into, DATABASE);
    const updated = runCli(['import', bib, '--into', into, '--update']);
    expect(updated.status).toBe(0);
    expect(updated.stderr).toContain(
      `  ${bib}:1:1: hu2021lora: already in the database as \`lora\` (${into}:5:5), its published version (same title and authors), with the arXiv id 2106.09685\n`,
    );
    expect(updated.stderr).toContain('0 papers added, 1 paper updated (2 in all)');
    const text = readFileSync(into, 'utf8');
    expect(paperLines(text, 'lora')).toBe(
      "  - id: lora\n    type: conference\n    title: 'LoRA: Low-rank adaptation of large language models'\n    authors: [Edward J. Hu, Yelong Shen, Phillip Wallis]\n    date: 2022\n    doi: 10.5555/iclr.2022.lora\n    arxiv: '2106.09685'\n",
    );
    // Known by the arXiv id now; the preprint's venue is not the published version's.
    const again = runCli(['import', bib, '--into', into, '--update']);
    expect(again.stderr).toContain('0 papers added (2 in all); nothing to write');
    expect(readFileSync(into, 'utf8')).toBe(text);
  });

  it('is added, with the preprint imported with it, when the file holds both versions', () => {
    const dir = scratch();
    const bib = join(dir, 'both.bib');
    // The preprint the database holds, then its published version.
    writeFileSync(
      bib,
      `@article{count2020,
  title = {Counting Things Fast},
  author = {Smith, John and Doe, Jane},
  journal = {arXiv preprint arXiv:2001.00001},
  eprint = {2001.00001},
  archivePrefix = {arXiv},
  year = {2020}
}

${LATER.slice(LATER.indexOf('@inproceedings'))}`,
    );
    const into = join(dir, 'papers.yaml');
    writeFileSync(into, DATABASE);
    const result = runCli(['import', bib, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `${bib}: BibTeX, 2 entries: 1 added, 1 preprint merged into its published version\n`,
    );
    expect(result.stderr).toContain(
      `  ${bib}:10:1: count2021: the published version of \`count-pre\` (${into}:11:5), a preprint in the database (same title and authors): both are there now; remove the preprint if you want one paper (the import does not change papers already there)\n`,
    );
    const text = readFileSync(into, 'utf8');
    expect(paperLines(text, 'count2021')).toContain("    arxiv: '2001.00001'\n");
    expect(runCli(['validate', into]).status).toBe(0);
    const again = runCli(['import', bib, '--into', into]);
    expect(again.stderr).toContain(
      `  ${bib}:10:1: count2021: already in the database as \`count2021\` (same title and authors)\n`,
    );
    expect(again.stderr).toContain('0 papers added (3 in all); nothing to write');
  });

  it('is a paper of its own with --keep-preprints', () => {
    const dir = scratch();
    const bib = join(dir, 'later.bib');
    writeFileSync(bib, LATER);
    const into = join(dir, 'papers.yaml');
    writeFileSync(into, DATABASE);
    const result = runCli(['import', bib, '--into', into, '--keep-preprints']);
    expect(result.stderr).toContain(`${bib}: BibTeX, 2 entries: 2 added\n`);
    expect(result.stderr).not.toContain('count-pre');
  });
});

describe('a preprint not on arXiv merged into its published version', () => {
  it('leaves its address with the published version, as extra.preprint', () => {
    const dir = scratch();
    const bib = join(dir, 'eccc.bib');
    writeFileSync(
      bib,
      `@article{eccc,
  title = {Lower Bounds for Things},
  author = {Smith, John and Doe, Jane},
  journal = {Electron. Colloquium Comput. Complex.},
  volume = {TR24-001},
  year = {2024},
  url = {https://eccc.weizmann.ac.il/report/2024/001}
}

@inproceedings{stoc,
  title = {Lower Bounds for Things},
  author = {Smith, John and Doe, Jane},
  booktitle = {STOC},
  year = {2025},
  url = {https://example.org/stoc/things}
}
`,
    );
    const into = newDatabase();
    const result = runCli(['import', bib, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `  ${bib}:1:1: eccc: preprint of \`stoc\` (same title and authors): one paper, the published version, keeping its address https://eccc.weizmann.ac.il/report/2024/001 as extra.preprint\n`,
    );
    expect(paperLines(readFileSync(into, 'utf8'), 'stoc')).toContain(
      '    url: https://example.org/stoc/things\n    extra:\n      preprint: https://eccc.weizmann.ac.il/report/2024/001\n',
    );
  });
});
