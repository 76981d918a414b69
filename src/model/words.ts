/**
 * publist's own words, as opposed to the style's (which the CSL locale gives): the list's
 * title, headings by type, link labels, the legend of the marks. They follow the output's
 * language, so that `--locale de-DE` gives a German list throughout; a language without a
 * translation here gets English.
 */
import type { Genre, PaperType } from './vocabulary.js';

/** The links an entry may carry. */
export type LinkKind = 'doi' | 'arxiv' | 'url' | 'pdf' | 'code' | 'slides' | 'video' | 'poster';

export interface OwnWords {
  /** The list's title: "Publications". */
  publications: string;
  /** The heading of each type's group when grouping by type. */
  types: Record<PaperType, string>;
  /** The kind of a thesis or report, by `genre` keyword: "PhD thesis". */
  genres: Record<Genre, string>;
  /** The group of papers without a topic or venue. */
  other: string;
  /** After a year before the common era: "300 BC". */
  beforeCommonEra: string;
  links: Record<LinkKind, string>;
  /** The legend's lines, after the mark. */
  equalContribution: string;
  correspondingAuthor: string;
  /** After a group's heading repeated at the top of the next page. */
  continued: string;
  /** The PDF's list when nothing is selected. */
  noMatch: string;
}

const ENGLISH: OwnWords = {
  publications: 'Publications',
  types: {
    conference: 'Conference Papers',
    journal: 'Journal Articles',
    workshop: 'Workshop Papers',
    'shared-task': 'Shared Task Papers',
    preprint: 'Preprints',
    thesis: 'Theses',
    book: 'Books',
    chapter: 'Book Chapters',
    report: 'Reports',
    talk: 'Talks',
    poster: 'Posters',
    software: 'Software',
    dataset: 'Datasets',
    patent: 'Patents',
    other: 'Other',
  },
  genres: {
    'phd-thesis': 'PhD thesis',
    'masters-thesis': 'Master’s thesis',
    'bachelors-thesis': 'Bachelor’s thesis',
    'diploma-thesis': 'Diploma thesis',
    'habilitation-thesis': 'Habilitation thesis',
    'technical-report': 'Technical report',
    'research-report': 'Research report',
    'working-paper': 'Working paper',
  },
  other: 'Other',
  beforeCommonEra: 'BC',
  links: {
    doi: 'DOI',
    arxiv: 'arXiv',
    url: 'URL',
    pdf: 'PDF',
    code: 'Code',
    slides: 'Slides',
    video: 'Video',
    poster: 'Poster',
  },
  equalContribution: 'equal contribution',
  correspondingAuthor: 'corresponding author',
  continued: '(continued)',
  noMatch: 'No publications match the selection.',
};

const TRANSLATIONS: Readonly<Record<string, OwnWords>> = {
  en: ENGLISH,
  de: {
    publications: 'Publikationen',
    types: {
      conference: 'Konferenzbeiträge',
      journal: 'Zeitschriftenartikel',
      workshop: 'Workshopbeiträge',
      'shared-task': 'Beiträge zu Shared Tasks',
      preprint: 'Preprints',
      thesis: 'Abschlussarbeiten',
      book: 'Bücher',
      chapter: 'Buchkapitel',
      report: 'Berichte',
      talk: 'Vorträge',
      poster: 'Poster',
      software: 'Software',
      dataset: 'Datensätze',
      patent: 'Patente',
      other: 'Sonstiges',
    },
    genres: {
      'phd-thesis': 'Dissertation',
      'masters-thesis': 'Masterarbeit',
      'bachelors-thesis': 'Bachelorarbeit',
      'diploma-thesis': 'Diplomarbeit',
      'habilitation-thesis': 'Habilitationsschrift',
      'technical-report': 'Technischer Bericht',
      'research-report': 'Forschungsbericht',
      'working-paper': 'Arbeitspapier',
    },
    other: 'Sonstiges',
    beforeCommonEra: 'v. Chr.',
    links: { ...ENGLISH.links, slides: 'Folien' },
    equalContribution: 'gleicher Beitrag',
    correspondingAuthor: 'Korrespondenzautor',
    continued: '(Fortsetzung)',
    noMatch: 'Keine Publikation entspricht der Auswahl.',
  },
  fr: {
    publications: 'Publications',
    types: {
      conference: 'Articles de conférence',
      journal: 'Articles de revue',
      workshop: 'Articles d’atelier',
      'shared-task': 'Articles de tâches partagées',
      preprint: 'Prépublications',
      thesis: 'Thèses',
      book: 'Livres',
      chapter: 'Chapitres d’ouvrages',
      report: 'Rapports',
      talk: 'Exposés',
      poster: 'Posters',
      software: 'Logiciels',
      dataset: 'Jeux de données',
      patent: 'Brevets',
      other: 'Autres',
    },
    genres: {
      'phd-thesis': 'Thèse de doctorat',
      'masters-thesis': 'Mémoire de master',
      'bachelors-thesis': 'Mémoire de licence',
      'diploma-thesis': 'Mémoire de diplôme',
      'habilitation-thesis': 'Mémoire d’habilitation',
      'technical-report': 'Rapport technique',
      'research-report': 'Rapport de recherche',
      'working-paper': 'Document de travail',
    },
    other: 'Autres',
    beforeCommonEra: 'av. J.-C.',
    links: { ...ENGLISH.links, slides: 'Diapositives', video: 'Vidéo' },
    equalContribution: 'contribution égale',
    correspondingAuthor: 'auteur correspondant',
    continued: '(suite)',
    noMatch: 'Aucune publication ne correspond à la sélection.',
  },
  es: {
    publications: 'Publicaciones',
    types: {
      conference: 'Artículos de congreso',
      journal: 'Artículos de revista',
      workshop: 'Artículos de taller',
      'shared-task': 'Artículos de tareas compartidas',
      preprint: 'Preprints',
      thesis: 'Tesis',
      book: 'Libros',
      chapter: 'Capítulos de libro',
      report: 'Informes',
      talk: 'Ponencias',
      poster: 'Pósteres',
      software: 'Software',
      dataset: 'Conjuntos de datos',
      patent: 'Patentes',
      other: 'Otros',
    },
    genres: {
      'phd-thesis': 'Tesis doctoral',
      'masters-thesis': 'Tesis de máster',
      'bachelors-thesis': 'Trabajo de fin de grado',
      'diploma-thesis': 'Proyecto de fin de carrera',
      'habilitation-thesis': 'Tesis de habilitación',
      'technical-report': 'Informe técnico',
      'research-report': 'Informe de investigación',
      'working-paper': 'Documento de trabajo',
    },
    other: 'Otros',
    beforeCommonEra: 'a. C.',
    links: {
      ...ENGLISH.links,
      code: 'Código',
      slides: 'Diapositivas',
      video: 'Vídeo',
      poster: 'Póster',
    },
    equalContribution: 'contribución igual',
    correspondingAuthor: 'autor de correspondencia',
    continued: '(continuación)',
    noMatch: 'Ninguna publicación coincide con la selección.',
  },
  it: {
    publications: 'Pubblicazioni',
    types: {
      conference: 'Articoli in atti di convegno',
      journal: 'Articoli su rivista',
      workshop: 'Articoli di workshop',
      'shared-task': 'Articoli di shared task',
      preprint: 'Preprint',
      thesis: 'Tesi',
      book: 'Libri',
      chapter: 'Capitoli di libro',
      report: 'Rapporti',
      talk: 'Presentazioni',
      poster: 'Poster',
      software: 'Software',
      dataset: 'Dataset',
      patent: 'Brevetti',
      other: 'Altro',
    },
    genres: {
      'phd-thesis': 'Tesi di dottorato',
      'masters-thesis': 'Tesi di laurea magistrale',
      'bachelors-thesis': 'Tesi di laurea triennale',
      'diploma-thesis': 'Tesi di diploma',
      'habilitation-thesis': 'Tesi di abilitazione',
      'technical-report': 'Rapporto tecnico',
      'research-report': 'Rapporto di ricerca',
      'working-paper': 'Documento di lavoro',
    },
    other: 'Altro',
    beforeCommonEra: 'a.C.',
    links: { ...ENGLISH.links, code: 'Codice', slides: 'Slide' },
    equalContribution: 'contributo paritario',
    correspondingAuthor: 'autore corrispondente',
    continued: '(continua)',
    noMatch: 'Nessuna pubblicazione corrisponde alla selezione.',
  },
  nl: {
    publications: 'Publicaties',
    types: {
      conference: 'Conferentiebijdragen',
      journal: 'Tijdschriftartikelen',
      workshop: 'Workshopbijdragen',
      'shared-task': 'Bijdragen aan shared tasks',
      preprint: 'Preprints',
      thesis: 'Proefschriften',
      book: 'Boeken',
      chapter: 'Boekhoofdstukken',
      report: 'Rapporten',
      talk: 'Lezingen',
      poster: 'Posters',
      software: 'Software',
      dataset: 'Datasets',
      patent: 'Octrooien',
      other: 'Overig',
    },
    genres: {
      'phd-thesis': 'Proefschrift',
      'masters-thesis': 'Masterscriptie',
      'bachelors-thesis': 'Bachelorscriptie',
      'diploma-thesis': 'Doctoraalscriptie',
      'habilitation-thesis': 'Habilitatieschrift',
      'technical-report': 'Technisch rapport',
      'research-report': 'Onderzoeksrapport',
      'working-paper': 'Werkdocument',
    },
    other: 'Overig',
    beforeCommonEra: 'v.Chr.',
    links: { ...ENGLISH.links, slides: 'Dia’s' },
    equalContribution: 'gelijke bijdrage',
    correspondingAuthor: 'corresponderende auteur',
    continued: '(vervolg)',
    noMatch: 'Geen publicaties voldoen aan de selectie.',
  },
  pt: {
    publications: 'Publicações',
    types: {
      conference: 'Artigos em conferências',
      journal: 'Artigos em periódicos',
      workshop: 'Artigos de workshop',
      'shared-task': 'Artigos de tarefas compartilhadas',
      preprint: 'Preprints',
      thesis: 'Teses',
      book: 'Livros',
      chapter: 'Capítulos de livro',
      report: 'Relatórios',
      talk: 'Palestras',
      poster: 'Pôsteres',
      software: 'Software',
      dataset: 'Conjuntos de dados',
      patent: 'Patentes',
      other: 'Outros',
    },
    genres: {
      'phd-thesis': 'Tese de doutorado',
      'masters-thesis': 'Dissertação de mestrado',
      'bachelors-thesis': 'Trabalho de conclusão de curso',
      'diploma-thesis': 'Trabalho de diploma',
      'habilitation-thesis': 'Tese de livre-docência',
      'technical-report': 'Relatório técnico',
      'research-report': 'Relatório de pesquisa',
      'working-paper': 'Documento de trabalho',
    },
    other: 'Outros',
    beforeCommonEra: 'a.C.',
    links: { ...ENGLISH.links, code: 'Código', video: 'Vídeo', poster: 'Pôster' },
    equalContribution: 'contribuição igual',
    correspondingAuthor: 'autor correspondente',
    continued: '(continuação)',
    noMatch: 'Nenhuma publicação corresponde à seleção.',
  },
};

/** English, but a repeated heading says nothing rather than "(continued)" in English. */
const UNTRANSLATED: OwnWords = { ...ENGLISH, continued: '' };

/** The words in the locale's language ("de-AT" -> German), else English. */
export function ownWords(locale: string | undefined): OwnWords {
  const language = (locale ?? 'en').split(/[-_]/)[0]?.toLowerCase() ?? '';
  return TRANSLATIONS[language] ?? UNTRANSLATED;
}

/** The heading of a list: the user's title, else "Publications" in the locale's language. */
export function listTitle(title: string | undefined, locale: string | undefined): string {
  return title ?? ownWords(locale).publications;
}
