/** The styles the citation issue names: every one must work offline, by name. */
export const NAMED_STYLES = [
  'apa',
  'ieee',
  'association-for-computing-machinery',
  'chicago-author-date',
  'modern-language-association',
  'harvard-cite-them-right',
  'vancouver',
  'nature',
  'springer-lecture-notes-in-computer-science',
  'association-for-computational-linguistics',
];
