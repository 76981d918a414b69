/**
 * The PDF layout on hand-built cited documents, read back with poppler, qpdf and pdf-lib:
 * text in order, fonts embedded, links, outline, metadata, pagination, Unicode fallback.
 */
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CitedDocument, CitedEntry, EntryLink } from '../src/cite/cited.js';
import type { Paper } from '../src/model/paper.js';
import type { PdfSection } from '../src/model/schema.js';
import type { RichText } from '../src/richtext/richtext.js';
import { renderPdf } from '../src/write/pdf/render.js';
import { resolveTheme, type PdfFlags } from '../src/write/pdf/theme.js';
import {
  PDF_TOOLS,
  flatText,
  pdfFile,
  pdfFonts,
  pdfInfo,
  pdfLinks,
  pdfOutline,
  pdfText,
  pdfWords,
  textRuns,
  type PdfWord,
} from './support/pdf.js';
import { toolsAvailable } from './support/tools.js';

const OWNER = { name: 'Ada Lovelace', github: 'ada', email: 'ada@example.org' };

interface EntrySpec {
  id: string;
  title: string;
  authors?: string[];
  venue?: string;
  links?: EntryLink[];
  number?: number;
}

/** An IEEE-like entry: authors (the owner marked), "title," venue. */
function entry(spec: EntrySpec): CitedEntry {
  const authors = spec.authors ?? ['A. Lovelace', 'C. Babbage'];
  const text: RichText = [];
  authors.forEach((name, index) => {
    if (index) text.push({ kind: 'text', text: index === authors.length - 1 ? ', and ' : ', ' });
    text.push(
      name === 'A. Lovelace'
        ? { kind: 'owner', children: [{ kind: 'text', text: name }] }
        : { kind: 'text', text: name },
    );
  });
  text.push({ kind: 'text', text: `, “${spec.title},” ` });
  if (spec.venue) text.push({ kind: 'italic', children: [{ kind: 'text', text: spec.venue }] });
  text.push({ kind: 'text', text: ', 2024.' });
  return {
    id: spec.id,
    ...(spec.number !== undefined ? { number: spec.number } : {}),
    paper: { id: spec.id } as Paper,
    authorIsOwner: authors.map((name) => name === 'A. Lovelace'),
    text,
    links: spec.links ?? [],
  };
}

function cited(groups: { heading: string; entries: CitedEntry[] }[]): CitedDocument {
  return {
    groups: groups.map((group) => ({ key: group.heading, ...group })),
    legend: [],
    style: { id: 'ieee', title: 'IEEE', namesBold: false },
    locale: 'en-US',
    unprinted: [],
  };
}

async function render(
  document: CitedDocument,
  options: { section?: PdfSection; flags?: PdfFlags; warnings?: string[] } = {},
) {
  return renderPdf(
    {
      owner: OWNER,
      theme: resolveTheme(options.section, options.flags ?? {}, 'test/papers.yaml'),
      locale: document.locale,
      keywords: ['Computing'],
      date: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      highlight: 'bold',
    },
    document,
    (message) => options.warnings?.push(message),
  );
}

const LINKS: EntryLink[] = [
  { kind: 'doi', label: 'DOI', url: 'https://doi.org/10.1000/engine' },
  { kind: 'code', label: 'Code', url: 'https://github.com/ada/engine' },
];

const THREE_GROUPS = cited([
  {
    heading: '2024',
    entries: [
      entry({ id: 'engine', title: 'Notes on the Analytical Engine', number: 3, links: LINKS }),
      entry({
        id: 'bernoulli',
        title: 'Efficient fine-tuning of office workflows',
        venue: 'Proceedings of Fictional Computing',
        number: 2,
      }),
    ],
  },
  {
    heading: '2023',
    entries: [
      entry({ id: 'loom', title: 'The Jacquard Loom', authors: ['C. Babbage'], number: 1 }),
    ],
  },
]);

/**
 * The words of each line as drawn, left to right: poppler orders a line's words by its own
 * reading of their direction, so they are sorted by position. Faces sit a little higher or
 * lower, so words within 4 pt of a line's first word are on that line.
 */
function drawnLines(words: PdfWord[]): string[] {
  const lines: PdfWord[][] = [];
  for (const word of [...words].sort((a, b) => a.yMin - b.yMin)) {
    const line = lines[lines.length - 1];
    if (line && Math.abs((line[0] as PdfWord).yMin - word.yMin) < 4) line.push(word);
    else lines.push([word]);
  }
  return lines.map((line) =>
    line
      .sort((a, b) => a.xMin - b.xMin)
      .map((word) => word.text)
      .join(' '),
  );
}

describe.runIf(toolsAvailable(...PDF_TOOLS))('the PDF layout, read back with real tools', () => {
  it('prints the header, the headings and every entry in order, with numbers', async () => {
    const path = pdfFile(await render(THREE_GROUPS));
    const text = flatText(path);
    const order = [
      'Ada Lovelace',
      'ada@example.org',
      'github.com/ada',
      'Publications',
      '2024',
      '[3] A. Lovelace, and C. Babbage, “Notes on the Analytical Engine,” , 2024. [DOI] [Code]',
      '[2]',
      'Efficient fine-tuning of office workflows',
      '2023',
      '[1] C. Babbage, “The Jacquard Loom,”',
    ];
    let at = 0;
    for (const phrase of order) {
      const found = text.indexOf(phrase, at);
      expect(found, `"${phrase}" after position ${at} in: ${text}`).toBeGreaterThanOrEqual(0);
      at = found + phrase.length;
    }
    expect(text).toMatch(/Ada Lovelace 1 ?\/ ?1 $/);
  });

  it('extracts ligatures as letters', async () => {
    const path = pdfFile(await render(THREE_GROUPS));
    expect(flatText(path)).toContain('Efficient fine-tuning of office workflows');
  });

  it('draws the owner in bold and the venue in italics', async () => {
    const runs = textRuns(pdfFile(await render(THREE_GROUPS)));
    const fontOf = (text: string) => runs.find((run) => run.text.includes(text))?.font;
    expect(fontOf('A. Lovelace')).toMatch(/SourceSerif4-Bold$/);
    expect(fontOf('C. Babbage')).toMatch(/SourceSerif4-Regular$/);
    expect(fontOf('Fictional')).toMatch(/SourceSerif4-Italic$/);
  });

  it('embeds and subsets every font, with Unicode maps', async () => {
    const fonts = pdfFonts(pdfFile(await render(THREE_GROUPS)));
    expect(fonts.length).toBeGreaterThan(2);
    for (const font of fonts) {
      expect(font, font.name).toMatchObject({ embedded: true, subset: true, unicode: true });
    }
  });

  it('makes the contact details and the link labels clickable', async () => {
    const links = await pdfLinks(await render(THREE_GROUPS));
    expect(links.map((link) => link.url)).toEqual([
      'mailto:ada@example.org',
      'https://github.com/ada',
      'https://doi.org/10.1000/engine',
      'https://github.com/ada/engine',
    ]);
    for (const link of links) {
      const [x1, y1, x2, y2] = link.rect as [number, number, number, number];
      expect(x2 - x1).toBeGreaterThan(5);
      expect(y2 - y1).toBeGreaterThan(5);
    }
  });

  it('prints labels without brackets, or none, as configured', async () => {
    const plain = flatText(pdfFile(await render(THREE_GROUPS, { section: { labels: 'plain' } })));
    expect(plain).toContain('2024. DOI Code');
    const none = await render(THREE_GROUPS, { flags: { labels: 'none' } });
    expect(flatText(pdfFile(none))).not.toContain('Code');
    expect((await pdfLinks(none)).map((link) => link.url)).not.toContain(
      'https://github.com/ada/engine',
    );
  });

  it('keeps links the style prints clickable inside the text', async () => {
    const document = cited([
      {
        heading: '2024',
        entries: [
          {
            ...entry({ id: 'doi', title: 'Linked' }),
            text: [
              { kind: 'text', text: 'A. Lovelace, “Linked,” doi: ' },
              {
                kind: 'link',
                url: 'https://doi.org/10.1000/linked',
                children: [{ kind: 'text', text: '10.1000/linked' }],
              },
            ],
          },
        ],
      },
    ]);
    const links = await pdfLinks(await render(document, { section: { links: 'underline' } }));
    expect(links.map((link) => link.url)).toContain('https://doi.org/10.1000/linked');
  });

  it('breaks web addresses and DOIs after "/" or ".", never at a hyphen, so that they copy whole', async () => {
    const addresses = [
      'https://github.com/some-organisation/a-very-long-repository-name-with-hyphens/tree/main/src',
      'https://openreview.net/forum?id=J8McuwS3zY&noteId=abc-def-ghi',
      `https://example.org/${'unbroken-'.repeat(12)}end`,
      '10.18653/v1/2023.findings-emnlp.212',
      '10.1000/xyz-abc-def-ghi-jkl-mno-pqr-stu-vwx-yza-bcd-efg-hij-klm-nop',
    ];
    const entries = addresses.map((address, index) => ({
      ...entry({ id: `a${index}`, title: 'Addresses' }),
      text: [
        { kind: 'text', text: 'A. Lovelace, “Addresses,” 2024. Available: ' },
        {
          kind: 'link',
          url: address.startsWith('10.') ? `https://doi.org/${address}` : address,
          children: [{ kind: 'text', text: address }],
        },
        { kind: 'text', text: `. Also as text: ${address}.` },
      ] satisfies RichText,
    }));
    // A narrow column, so that every address is broken, some more than once.
    const path = pdfFile(
      await render(cited([{ heading: '2024', entries }]), { section: { margins: '65mm' } }),
    );
    const lines = pdfText(path).split('\n');
    const joined = lines.join('');
    for (const address of addresses) {
      expect(joined.split(address).length - 1, address).toBe(2);
    }
    expect(lines.filter((line) => /-$/.test(line))).toEqual([]);
    expect(lines.length).toBeGreaterThan(40);
  });

  it('writes the metadata and one bookmark per group', async () => {
    const path = pdfFile(await render(THREE_GROUPS));
    const info = pdfInfo(path);
    expect(info).toMatchObject({
      Title: 'Ada Lovelace — Publications',
      Author: 'Ada Lovelace',
      Subject: 'Ada Lovelace: Publications (IEEE)',
      Keywords: 'Ada Lovelace, Publications, Computing',
      CreationDate: '2024-01-02T03:04:05Z',
      'Page size': '595.28 x 841.89 pts (A4)',
    });
    expect(pdfOutline(path)).toEqual(['2024', '2023']);
  });

  it('is byte-for-byte the same when rendered twice', async () => {
    const first = await render(THREE_GROUPS);
    const second = await render(THREE_GROUPS);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('sets US Letter and the modern theme', async () => {
    const path = pdfFile(
      await render(THREE_GROUPS, { flags: { paper: 'letter', theme: 'modern' } }),
    );
    expect(pdfInfo(path)['Page size']).toBe('612 x 792 pts (letter)');
    expect(pdfFonts(path).map((font) => font.name.replace(/^[A-Z]+\+/, ''))).toContain(
      'SourceSans3-Regular',
    );
    expect(flatText(path)).toContain('3 A. Lovelace, and C. Babbage');
  });

  it('never leaves a heading alone at the foot of a page; long groups flow on', async () => {
    const groups = Array.from({ length: 14 }, (_, g) => ({
      heading: `Group ${g + 1}`,
      entries: Array.from({ length: 2 + (g % 4) }, (_, i) =>
        entry({
          id: `g${g}e${i}`,
          title: `Entry ${i + 1} of group ${g + 1}, a title long enough to take a second line of text on the page`,
          venue: 'Proceedings of the Conference on Long Venue Names and Their Many Words',
        }),
      ),
    }));
    const path = pdfFile(await render(cited(groups)));
    const pages = pdfText(path)
      .split('\f')
      .filter((page) => page.trim());
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, index) => {
      const lines = page
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      // The footer: the owner's name and "n / N".
      expect(lines.at(-2)).toBe('Ada Lovelace');
      expect(lines.at(-1)?.replace(/ /g, '')).toBe(`${index + 1}/${pages.length}`);
      expect(lines.at(-3), `page ${index + 1} ends with a heading`).not.toMatch(/^Group \d+$/);
      if (index > 0) expect(lines[0]).toMatch(/^Group \d+( \(continued\))?$/);
    });
    for (const group of groups) {
      for (const item of group.entries) {
        const title = (item.text[item.text.length - 3] as { text: string }).text;
        expect(flatText(path)).toContain(title.replace(/^, “|,” $/g, ''));
      }
    }
  });

  it('keeps an entry on one page unless it is longer than a page', async () => {
    const long = 'word '.repeat(2500).trim();
    const document = cited([
      {
        heading: '2024',
        entries: [
          entry({ id: 'short', title: 'Before' }),
          entry({ id: 'huge', title: long }),
          entry({ id: 'after', title: 'After' }),
        ],
      },
    ]);
    const path = pdfFile(await render(document));
    const pages = pdfText(path)
      .split('\f')
      .filter((page) => page.trim());
    expect(pages.length).toBeGreaterThan(2);
    expect(flatText(path).match(/word/g)).toHaveLength(2500);
    expect(flatText(path)).toContain('After');
  });

  it('renders Greek, ∅, Latin Extended, a 120-character word and CJK; warns about emoji by entry', async () => {
    const word = 'Pneumono'.repeat(15);
    const warnings: string[] = [];
    const document = cited([
      {
        heading: '2024',
        entries: [
          entry({ id: 'greek', title: 'Learning τ and ∅ with αβγ for Łódź and Ångström' }),
          entry({ id: 'cjk', title: '大规模语言模型的高效微调' }),
          entry({ id: 'emoji', title: 'Emoji 🙂 in titles' }),
          entry({ id: 'long', title: word }),
          entry({ id: 'tab', title: 'Tab\there and a line\nbreak' }),
          {
            ...entry({ id: 'math', title: '' }),
            text: [
              { kind: 'text', text: 'Hints with ' },
              { kind: 'math', tex: 'h=\\varnothing' },
              { kind: 'text', text: ' in ' },
              { kind: 'math', tex: '\\mathcal{O}(n \\log n)' },
            ],
          },
        ],
      },
    ]);
    const path = pdfFile(await render(document, { warnings }));
    const text = flatText(path);
    expect(text).toContain('Learning τ and ∅ with αβγ for Łódź and Ångström');
    expect(pdfText(path).replace(/\s+/g, '')).toContain(word);
    expect(text).toContain('Emoji \uFFFD in titles');
    expect(text).toContain('Hints with h=∅ in 𝒪(n log n)');
    expect(pdfText(path)).toContain('Tab here and a line break');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/entry emoji: no font has "🙂" \(U\+1F642\)/);
    const cjkInstalled = existsSync('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc');
    if (cjkInstalled || process.env.CI) {
      expect(text).toContain('大规模语言模型的高效微调');
      expect(pdfFonts(path).map((font) => font.name)).toContainEqual(
        expect.stringMatching(/NotoSerifCJKsc-Regular$/),
      );
    }
    for (const font of pdfFonts(path)) expect(font.embedded, font.name).toBe(true);
  });

  it('draws Hebrew and Arabic right to left inside the left-to-right entry, brackets mirrored', async () => {
    const warnings: string[] = [];
    const document = cited([
      {
        heading: '2024',
        entries: [
          entry({ id: 'hebrew', title: 'שלום (עולם) 25 ימים\u200F' }),
          entry({ id: 'arabic', title: 'معالجة (NLP) في 2020' }),
          // No italic face has Arabic: it is drawn upright, not as �.
          entry({ id: 'italic', title: 'Notes', venue: 'مجلة الدراسات' }),
        ],
      },
    ]);
    const path = pdfFile(await render(document, { warnings }));
    const lines = drawnLines(pdfWords(path));
    // Worked out by hand from UAX #9. The Hebrew run takes in what follows it up to the year
    // (numbers count as right to left between neutrals), numbers inside stay left to right.
    // "(NLP)" holds left-to-right text, so the Arabic on each side of it is a run of its own.
    expect(lines).toContain('A. Lovelace, and C. Babbage, “2024 , ”,םימי 25 (םלוע) םולש.');
    expect(lines).toContain('A. Lovelace, and C. Babbage, “ةجلاعم (NLP) 2024 , ”,2020 يف.');
    expect(lines).toContain('A. Lovelace, and C. Babbage, “Notes,” 2024 ,تاساردلا ةلجم.');
    expect(flatText(path)).not.toContain('\uFFFD');
    expect(warnings).toEqual([]);
  });

  it('breaks a long right-to-left title into lines in reading order, each line reordered', async () => {
    const letters = 'אבגדהוזחטיכלמנסעפצקרשת';
    const words = Array.from(
      { length: 40 },
      (_, i) =>
        `${letters[i % 22]}${letters[(i * 7 + 3) % 22]}${letters[(i * 5 + (i >= 22 ? 2 : 1)) % 22]}ים`,
    );
    expect(new Set(words).size).toBe(words.length);
    const document = cited([
      { heading: '2024', entries: [entry({ id: 'long', title: words.join(' ') })] },
    ]);
    const lines = drawnLines(pdfWords(pdfFile(await render(document))));
    const hebrew = lines.filter((line) => /[\u05D0-\u05EA]/u.test(line));
    expect(hebrew.length).toBeGreaterThan(1);
    // Each line read from right to left, each word's letters back in reading order.
    const read = hebrew.flatMap((line) =>
      line
        .split(' ')
        .map((word) => word.replace(/[^\u05D0-\u05EA]/gu, ''))
        .filter(Boolean)
        .reverse()
        .map((word) => [...word].reverse().join('')),
    );
    expect(read).toEqual(words);
  });

  it('says which font file is missing when a character needs it', async () => {
    const document = cited([{ heading: '2024', entries: [entry({ id: 'e', title: '🙂' })] }]);
    await expect(
      render(document, { section: { fonts: { fallback: ['no/such/font.ttf'] } } }),
    ).rejects.toThrow(/no\/such\/font\.ttf:1:1: font file not found/);
  });

  it('draws any Unicode text without failing, keeping what a font has and warning about the rest', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), {
          minLength: 1,
          maxLength: 4,
        }),
        async (titles) => {
          const warnings: string[] = [];
          const document = cited([
            {
              heading: '2024',
              entries: titles.map((title, index) => entry({ id: `t${index}`, title })),
            },
          ]);
          const bytes = await render(document, { warnings });
          const text = flatText(pdfFile(bytes));
          expect(text).toContain('Ada Lovelace');
          for (const warning of warnings) expect(warning).toMatch(/^pdf: entry t\d+: no font has /);
        },
      ),
      { numRuns: 15, seed: 20240101 },
    );
  });
});
