/**
 * A template that lays out each entry from the paper's own fields (`paper.title`,
 * `paper.authors`, `paper.year`, ...), as al-folio and jekyll-scholar pages do: rendered on
 * the embedded database in every format with templates, read back as a reader would, and
 * checked like every other variable.
 */
import MarkdownIt from 'markdown-it';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/model/paper.js';
import { renderDatabase } from '../src/pipeline.js';
import { DEFAULT_DB, ROOT, runCli } from './support/cli.js';
import { databaseFrom, renderText } from './support/database.js';
import { comparable, compileLatex } from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** A templates folder holding `files` ("html/fragment.hbs" -> its text). */
function templatesFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'publist-paper-templates-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

const database: Database = await databaseFrom(readFileSync(DEFAULT_DB, 'utf8'));

async function render(format: string, files: Record<string, string>): Promise<string> {
  const result = await renderDatabase(database, {
    format,
    output: { templatesDir: templatesFolder(files) },
  });
  return String(result.content);
}

function elements(node: Node, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const walk = (current: Node) => {
    if ('tagName' in current && test(current)) found.push(current);
    if ('childNodes' in current) current.childNodes.forEach(walk);
  };
  walk(node);
  return found;
}

const attribute = (element: Element, name: string) =>
  element.attrs.find((attr) => attr.name === name)?.value;

function textContent(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  return 'childNodes' in node ? node.childNodes.map(textContent).join('') : '';
}

const byClass = (node: Node, name: string) =>
  elements(node, (element) => attribute(element, 'class') === name);

/** The README's example template and the output it shows, from the README itself. */
function readmeExample(): { template: string; output: string } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const template = /```handlebars\n([\s\S]*?)```/.exec(readme)?.[1];
  const output = /gives, for one\npaper:\n\n(?:<!--.*-->\n)?```html\n([\s\S]*?)```/.exec(
    readme,
  )?.[1];
  if (!template || !output) throw new Error('the README has no example template and output');
  return { template, output };
}

describe("the README's al-folio-like HTML entry", () => {
  const { template, output } = readmeExample();
  const folder = templatesFolder({ 'html/fragment.hbs': template });
  const result = runCli(['render', DEFAULT_DB, '-f', 'html', '--templates', folder]);

  it('renders as the README shows', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(output);
  });

  it('gives every paper its title, authors with the owner in bold, venue, year and buttons', () => {
    const page = parseFragment(result.stdout);
    const items = elements(page, (element) => element.tagName === 'li');
    expect(items).toHaveLength(20);
    const bold = items.map((item) =>
      elements(item, (element) => element.tagName === 'strong').map(textContent),
    );
    // Every paper but one (of which the owner is no author) has the owner in bold.
    expect(bold.filter((names) => names.length === 0)).toHaveLength(1);
    expect(bold.flat()).toEqual(Array(19).fill('Baohao Liao'));
    const maskMore = items.find((item) => attribute(item, 'id') === 'liao2022maskmore') as Element;
    expect(byClass(maskMore, 'title').map(textContent)).toEqual([
      'Mask More and Mask Later: Efficient Pre-training of Masked Language Models by Disentangling the [MASK] Token',
    ]);
    expect(byClass(maskMore, 'author').map(textContent)).toEqual([
      'Baohao Liao, David Thulke, Sanjika Hewavitharana, Hermann Ney, Christof Monz',
    ]);
    const periodical = byClass(maskMore, 'periodical')[0] as Element;
    expect(textContent(periodical)).toBe(
      'Findings of the Association for Computational Linguistics: EMNLP 2022, 2022',
    );
    expect(elements(periodical, (element) => element.tagName === 'em').map(textContent)).toEqual([
      'Findings of the Association for Computational Linguistics: EMNLP 2022',
    ]);
    const buttons = elements(maskMore, (element) => element.tagName === 'a');
    expect(buttons.map((button) => [textContent(button), attribute(button, 'href')])).toEqual([
      ['PDF', 'https://arxiv.org/abs/2211.04898'],
    ]);
  });
});

describe('the paper fields in each format', () => {
  it('markdown: the owner in bold, the venue in italics, DOI and code links', async () => {
    const source = await render('markdown', {
      'markdown/default.hbs': [
        '{{#each groups}}{{#each entries}}',
        '- {{#each paper.authors}}{{#if owner}}**{{name}}**{{else}}{{name}}{{/if}}{{#unless @last}}, {{/unless}}{{/each}}. {{paper.title}}.{{#if paper.venue}} *{{paper.venue}}*,{{/if}} {{paper.year}}.{{#if paper.doi}} [DOI]({{paper.doi}}){{/if}}{{#if paper.code}} [Code]({{paper.code}}){{/if}}',
        '{{/each}}{{/each}}',
      ].join('\n'),
    });
    const markdown = new MarkdownIt();
    const items = markdown
      .parse(source, {})
      .filter((token) => token.type === 'inline')
      .map((token) => markdown.renderInline(token.content));
    expect(items).toHaveLength(20);
    expect(items).toContain(
      '<strong>Baohao Liao</strong>, David Thulke, Sanjika Hewavitharana, Hermann Ney, Christof Monz. Mask More and Mask Later: Efficient Pre-training of Masked Language Models by Disentangling the [MASK] Token. <em>Findings of the Association for Computational Linguistics: EMNLP 2022</em>, 2022. <a href="https://doi.org/10.18653/v1/2022.findings-emnlp.106">DOI</a>',
    );
    expect(items).toContain(
      '<strong>Baohao Liao</strong>, Hanze Dong, Xinxing Xu, Christof Monz, Jiang Bian. Self-Hinting Language Models Enhance Reinforcement Learning. 2026. <a href="https://github.com/BaohaoLiao/SAGE">Code</a>',
    );
  });

  it('text: the date as written, the type, the topics by label and the DOI as written', async () => {
    const text = await render('text', {
      'text/default.hbs':
        '{{#each groups}}{{#each entries}}{{paper.date}} | {{paper.type}} | {{paper.title}} | {{#each paper.topics}}{{label}}{{#unless @last}}; {{/unless}}{{/each}}{{#if paper.ids.doi}} | doi:{{paper.ids.doi}}{{/if}}\n{{/each}}{{/each}}',
    });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(20);
    expect(lines).toContain(
      '2022-11-09 | conference | Mask More and Mask Later: Efficient Pre-training of Masked Language Models by Disentangling the [MASK] Token | Computation and Language | doi:10.18653/v1/2022.findings-emnlp.106',
    );
    expect(lines[0]).toBe(
      '2026-04-02 | preprint | LiveMathematicianBench: A Live Benchmark for Mathematician-Level Reasoning with Proof Sketches | Computation and Language',
    );
  });

  describe.runIf(toolsAvailable('pdflatex', 'pdftotext', 'pdftohtml'))('latex', () => {
    it('compiles with pdflatex: the owner in bold, every title, the code as a link', async () => {
      const fragment = await render('latex', {
        'latex/fragment.hbs': [
          '{{#each groups}}{{#each entries}}',
          '\\noindent {{#each paper.authors}}{{#if owner}}\\textbf{ {{~name~}} }{{else}}{{name}}{{/if}}{{#unless @last}}, {{/unless}}{{/each}}: \\emph{ {{~paper.title~}} }{{#if paper.venue}}, {{paper.venue}}{{/if}}, {{paper.year}}.{{#if paper.code}} \\href{ {{~paper.code~}} }{[Code]}{{/if}}\\par',
          '{{/each}}{{/each}}',
        ].join('\n'),
      });
      const pdf = compileLatex(
        '\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}\\usepackage{hyperref}\n\\begin{document}\n\\input{publications}\n\\end{document}\n',
        { engine: 'pdflatex', files: { 'publications.tex': fragment } },
      );
      const shown = comparable(pdf.text);
      for (const paper of database.papers) expect(shown).toContain(comparable(paper.title));
      expect(shown).toContain(
        comparable(
          'Baohao Liao, David Thulke, Sanjika Hewavitharana, Hermann Ney, Christof Monz: Mask More and Mask Later',
        ),
      );
      expect(pdf.bold.filter((run) => run.includes('Baohao Liao'))).toHaveLength(19);
      expect(pdf.links).toContain('https://github.com/BaohaoLiao/SAGE');
    });
  });
});

describe('LaTeX escapes a paper field when a template prints it', () => {
  const yaml = `
owner: {name: Ada Lovelace}
papers:
  - id: deep
    type: journal
    title: Plain Title
    authors: [Ada Lovelace]
    date: 2024
    abstract: '深度学习 with $\\input{x}$'
`;
  const fragment =
    '{{#each groups}}{{#each entries}}{{paper.title}}\\par\n{{paper.abstract}}\\par\n{{/each}}{{/each}}\n';

  it('not printed, an abstract says nothing and loads no font', async () => {
    const { text, warnings } = await renderText(await databaseFrom(yaml), {
      format: 'latex',
      output: { standalone: true },
    });
    expect(warnings).toEqual([]);
    expect(text).not.toContain('Noto Serif CJK SC');
  });

  it.runIf(toolsAvailable('xelatex', 'pdftotext', 'pdftohtml'))(
    'printed, it has its warnings, and the preamble loads its CJK font (xelatex)',
    async () => {
      const { text, warnings } = await renderText(await databaseFrom(yaml), {
        format: 'latex',
        output: {
          standalone: true,
          templatesDir: templatesFolder({ 'latex/fragment.hbs': fragment }),
        },
      });
      expect(warnings).toEqual([
        'deep: $\\input{x}$ is printed as text, not math: \\input is not a math command',
        'pdflatex cannot typeset the characters of 1 entry (deep: 深 度 学 习) and stops with an error; compile with xelatex or lualatex',
      ]);
      expect(text).toContain('Noto Serif CJK SC');
      const pdf = compileLatex(text, { engine: 'xelatex' });
      expect(comparable(pdf.text)).toContain(comparable('深度学习 with $\\input{x}$'));
    },
  );
});

describe.runIf(toolsAvailable('pdflatex', 'pdftotext', 'pdftohtml'))(
  'LaTeX escapes the extra fields only when a template reads them',
  () => {
    it('a template printing only the title: a CJK extra name neither warns nor loads a font, and pdflatex compiles it', async () => {
      const database = await databaseFrom(`
owner: {name: Ada Lovelace}
papers:
  - {id: plain, type: journal, title: Plain Title, authors: [Ada Lovelace], date: 2024, extra: {深度: '学习', slides: 'https://example.org/深度'}}
`);
      const { text, warnings } = await renderText(database, {
        format: 'latex',
        output: {
          standalone: true,
          templatesDir: templatesFolder({
            'latex/fragment.hbs':
              '{{#each groups}}{{#each entries}}{{paper.title}}\\par\n{{/each}}{{/each}}\n',
          }),
        },
      });
      expect(warnings).toEqual([]);
      expect(text).not.toContain('Noto Serif CJK SC');
      const pdf = compileLatex(text, { engine: 'pdflatex' });
      expect(comparable(pdf.text)).toContain('PlainTitle');
    });
  },
);

describe('an extra field is a link only when it is a web address, in every format', () => {
  const yaml = `
owner: {name: Ada Lovelace}
papers:
  - id: sketch
    type: report
    title: Sketch of the Analytical Engine
    authors: ['Ada Lovelace']
    date: 1843
    extra:
      site: 'https://example.org/sketch'
      spaced: ' doi: 10.1000/xyz '
      baredoi: 'doi:'
      hostless: 'https://'
      nohost: 'https:///sketch'
      mail: 'mailto:ada@example.org'
`;
  const links =
    '{{#each groups}}{{#each entries}}{{#each paper.extraLinks}}{{@key}} -> {{this}}; {{/each}}{{/each}}{{/each}}';
  const files = {
    html: 'html/fragment.hbs',
    markdown: 'markdown/default.hbs',
    text: 'text/default.hbs',
    latex: 'latex/fragment.hbs',
  } as const;

  for (const [format, file] of Object.entries(files)) {
    it(`${format}: a DOI through doi.org; no link for a doi: with no DOI or an https:// with no host`, async () => {
      const { text } = await renderText(await databaseFrom(yaml), {
        format,
        output: { templatesDir: templatesFolder({ [file]: links }) },
      });
      expect(text.trim()).toBe(
        'site -> https://example.org/sketch; spaced -> https://doi.org/10.1000/xyz;',
      );
    });
  }
});

describe('the template check knows the paper fields', () => {
  it('accepts them, and names the field a misspelt or misplaced one meant', () => {
    const folder = templatesFolder({
      'html/fragment.hbs': [
        '{{#each groups}}{{#each entries}}{{paper.title}} {{#each paper.authors}}{{name}}{{#if owner}}!{{/if}}{{/each}} {{paper.ids.doi}}',
        '{{paper.titel}} {{#each paper.authors}}{{nmae}}{{/each}} {{year}}{{/each}}{{/each}}',
      ].join('\n'),
    });
    const file = join(folder, 'html', 'fragment.hbs');
    const result = runCli(['render', DEFAULT_DB, '-f', 'html', '--templates', folder]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}:2:3: unknown variable "paper.titel" (paper has: type, genre, title, authors, etAl, editors, year, date, month, day, venue, volume, issue, pages, publisher, location, language, abstract, topics, org, award, note, status, selected, doi, arxiv, url, pdf, code, slides, video, poster, ids, extra, extraLinks; did you mean paper.title?)`,
      `${file}:2:42: unknown variable "nmae" (here: name, given, family, suffix, owner, equal, corresponding; did you mean name?)`,
      `${file}:2:60: unknown variable "year" ("year" is in paper: write paper.year; here: id, anchor, number, label, text, links, paper)`,
      '3 problems',
    ]);
  });
});

describe('editors, name parts, language, month and the extra fields', () => {
  // A chapter imported from an al-folio bibliography: its badge and page address in `extra`,
  // one of them a `javascript:` address that must not become a link.
  const yaml = `
owner: {name: Ada Lovelace, aliases: ['A. Lovelace']}
papers:
  - id: sketch
    type: chapter
    title: Sketch of the Analytical Engine
    authors: ['Luigi Menabrea', 'Jan van der Berg', {literal: 'Royal Society & Co.'}]
    editors: ['Lovelace, A.', 'Charles Babbage']
    date: 1843-10
    venue: Scientific Memoirs
    language: en-GB
    extra:
      abbr: 'R&D'
      html: 'https://example.org/sketch?a=1&b=2'
      slides_page: 'doi:10.1000/xyz'
      evil: 'javascript:alert(1)'
      mail: 'mailto:ada@example.org'
      '<i>key</i>': '<b>value</b>'
`;
  const template = [
    '{{#each groups}}{{#each entries}}',
    '<li lang="{{paper.language}}">{{#if paper.extra.abbr}}<abbr class="badge">{{paper.extra.abbr}}</abbr>{{/if}}',
    '<span class="authors">{{#each paper.authors}}<span class="author" data-given="{{given}}">{{family}}</span>{{/each}}</span>',
    '{{#if paper.editors}}<span class="editors">{{#each paper.editors}}{{#if owner}}<strong>{{name}}</strong>{{else}}<span>{{name}}</span>{{/if}}{{/each}}</span>{{/if}}',
    '<span class="date">{{paper.year}}/{{paper.month}}{{#if paper.day}}/{{paper.day}}{{/if}}</span>',
    '<dl>{{#each paper.extra}}<dt>{{@key}}</dt><dd>{{this}}</dd>{{/each}}</dl>',
    '{{#each paper.extraLinks}}<a class="{{@key}}" href="{{this}}">{{@key}}</a>{{/each}}',
    '{{#if paper.extraLinks.evil}}<a href="{{paper.extraLinks.evil}}">evil</a>{{/if}}</li>',
    '{{/each}}{{/each}}',
  ].join('\n');

  it('html: each field as a reader sees it; only the web addresses of extra are links', async () => {
    const html = await renderText(await databaseFrom(yaml), {
      format: 'html',
      output: { templatesDir: templatesFolder({ 'html/fragment.hbs': template }) },
    });
    expect(html.warnings).toEqual([]);
    const page = parseFragment(html.text);
    const [item] = elements(page, (element) => element.tagName === 'li');
    expect(attribute(item as Element, 'lang')).toBe('en-GB');
    expect(byClass(page, 'badge').map(textContent)).toEqual(['R&D']);
    const authors = byClass(page, 'author');
    expect(authors.map((author) => [textContent(author), attribute(author, 'data-given')])).toEqual(
      [
        ['Menabrea', 'Luigi'],
        ['van der Berg', 'Jan'],
        ['Royal Society & Co.', undefined],
      ].map(([family, given]) => [family, given ?? '']),
    );
    // The owner is an editor here, under an alias.
    expect(elements(page, (element) => element.tagName === 'strong').map(textContent)).toEqual([
      'A. Lovelace',
    ]);
    expect(byClass(page, 'editors').map(textContent)).toEqual(['A. LovelaceCharles Babbage']);
    expect(byClass(page, 'date').map(textContent)).toEqual(['1843/10']);
    const terms = elements(page, (element) => element.tagName === 'dt').map(textContent);
    const values = elements(page, (element) => element.tagName === 'dd').map(textContent);
    expect(Object.fromEntries(terms.map((term, index) => [term, values[index]]))).toEqual({
      abbr: 'R&D',
      html: 'https://example.org/sketch?a=1&b=2',
      slides_page: 'doi:10.1000/xyz',
      evil: 'javascript:alert(1)',
      mail: 'mailto:ada@example.org',
      '<i>key</i>': '<b>value</b>',
    });
    expect(elements(page, (element) => ['i', 'b'].includes(element.tagName))).toEqual([]);
    const links = elements(page, (element) => element.tagName === 'a');
    expect(links.map((link) => [textContent(link), attribute(link, 'href')])).toEqual([
      ['html', 'https://example.org/sketch?a=1&b=2'],
      ['slides_page', 'https://doi.org/10.1000/xyz'],
    ]);
  });

  it.runIf(toolsAvailable('pdflatex', 'pdftotext', 'pdftohtml'))(
    'latex: compiles with pdflatex, the editor who is the owner in bold, & and _ as written',
    async () => {
      const { text, warnings } = await renderText(await databaseFrom(yaml), {
        format: 'latex',
        output: {
          templatesDir: templatesFolder({
            'latex/fragment.hbs': [
              '{{#each groups}}{{#each entries}}',
              '\\noindent {{#each paper.authors}}{{family}}{{#if given}}, {{given}}{{/if}}; {{/each}}',
              'In: {{#each paper.editors}}{{#if owner}}\\textbf{ {{~name~}} }{{else}}{{name}}{{/if}}, {{/each}}(eds.) [{{paper.language}}] {{paper.extra.abbr}} {{paper.extra.slides_page}} {{#each paper.extraLinks}} \\href{ {{~this~}} }{ {{~@key~}} }{{/each}}\\par',
              '{{/each}}{{/each}}',
            ].join('\n'),
          }),
        },
      });
      expect(warnings).toEqual([]);
      // The field named as written in YAML, printed by {{@key}} escaped.
      expect(text).toContain('\\href{https://doi.org/10.1000/xyz}{slides\\_page}');
      const pdf = compileLatex(
        '\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}\\usepackage{hyperref}\n\\begin{document}\n\\input{publications}\n\\end{document}\n',
        { engine: 'pdflatex', files: { 'publications.tex': text } },
      );
      expect(comparable(pdf.text)).toContain(
        comparable(
          'Menabrea, Luigi; van der Berg, Jan; Royal Society & Co.; In: A. Lovelace, Charles Babbage, (eds.) [en-GB] R&D doi:10.1000/xyz html slides_page',
        ),
      );
      expect(pdf.bold).toEqual(['A. Lovelace']);
      expect(pdf.links).toEqual([
        'https://example.org/sketch?a=1&b=2',
        'https://doi.org/10.1000/xyz',
      ]);
    },
  );

  it('gives a name suffix ("Jr.", "III") of an author or editor escaped in each format', async () => {
    const database = await databaseFrom(`
owner: {name: Ada Lovelace}
papers:
  - id: kings
    type: chapter
    title: T
    authors: [Ada Lovelace, {given: Martin Luther, family: King, suffix: Jr.}, 'Doe, <b>&</b>_%, John']
    editors: [{given: Henry, family: Ford, suffix: III}]
    date: 2020
`);
    const template =
      '{{#each groups}}{{#each entries}}{{#each paper.authors}}[{{family}}|{{suffix}}]{{/each}} {{#each paper.editors}}[{{family}}|{{suffix}}]{{/each}}\\par\n{{/each}}{{/each}}\n';
    const html = await renderText(database, {
      format: 'html',
      output: { templatesDir: templatesFolder({ 'html/fragment.hbs': template }) },
    });
    expect(html.warnings).toEqual([]);
    expect(textContent(parseFragment(html.text))).toBe(
      '[Lovelace|][King|Jr.][Doe|<b>&</b>_%] [Ford|III]\\par\n',
    );
    if (!toolsAvailable('pdflatex', 'pdftotext', 'pdftohtml')) return;
    const latex = await renderText(database, {
      format: 'latex',
      output: { templatesDir: templatesFolder({ 'latex/fragment.hbs': template }) },
    });
    expect(latex.warnings).toEqual([]);
    const pdf = compileLatex(
      '\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}\n\\begin{document}\n\\input{publications}\n\\end{document}\n',
      { engine: 'pdflatex', files: { 'publications.tex': latex.text } },
    );
    expect(comparable(pdf.text)).toBe(
      comparable('[Lovelace|][King|Jr.][Doe|<b>&</b>_%] [Ford|III] 1'),
    );
  });

  it('keeps one field of two whose names escape alike, and reads each by its name as written', async () => {
    const database = await databaseFrom(`
owner: {name: Ada Lovelace}
papers:
  - id: names
    type: journal
    title: T
    authors: [Ada Lovelace]
    date: 2020
    extra: {"a\\tb": one, "a b": two, "<": three, "&lt;": four}
`);
    const template =
      '{{#each groups}}{{#each entries}}{{#each paper.extra}}[{{@key}}={{this}}]{{/each}} {{lookup paper.extra "<"}} {{lookup paper.extra "&lt;"}}{{/each}}{{/each}}\n';
    const rendered = async (format: string, path: string) =>
      (
        await renderText(database, {
          format,
          output: { templatesDir: templatesFolder({ [path]: template }) },
        })
      ).text;
    expect(await rendered('text', 'text/default.hbs')).toBe(
      '[a b=one][<=three][&lt;=four] three four\n',
    );
    // In HTML "&lt;" is the name "<" escaped: the field so named is read by it.
    expect(await rendered('html', 'html/fragment.hbs')).toBe(
      '[a\tb=one][a b=two][&lt;=three][&amp;lt;=four] three three\n',
    );
  });

  it('is checked: an item of owner, ids or extra has no fields, and an editor has the fields of an author', () => {
    const folder = templatesFolder({
      'markdown/default.hbs': [
        '{{#each owner}}{{this}}{{nmae}}{{/each}}',
        '{{#each groups}}{{#each entries}}{{#each paper.editors}}{{famliy}}{{/each}}{{#each paper.ids}}{{doi}}{{/each}}',
        '{{#each paper.extra}}{{@key}} {{this.url}}{{/each}}{{paper.extra.abbr}}{{paper.extraLinks}}{{/each}}{{/each}}',
      ].join('\n'),
    });
    const file = join(folder, 'markdown', 'default.hbs');
    const result = runCli(['render', DEFAULT_DB, '-f', 'markdown', '--templates', folder]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}:1:26: an item of owner is a single value: it has no "nmae"`,
      `${file}:2:59: unknown variable "famliy" (here: name, given, family, suffix, owner, equal, corresponding; did you mean family?)`,
      `${file}:2:97: an item of paper.ids is a single value: it has no "doi"`,
      `${file}:3:33: an item of paper.extra is a single value: it has no "url"`,
      `${file}:3:74: paper.extraLinks is a record: print one of its fields by name (paper.extraLinks.name) (or go through them with {{#each paper.extraLinks}}{{@key}}: {{this}}{{/each}})`,
      '5 problems',
    ]);
  });
});
