/** A work of every type, each field where that type's CSL puts it (a book's series is no container). */
export const TYPES_DB = `
owner: { name: Ada Lovelace }
papers:
  - id: lncs
    type: book
    title: Program Verification
    authors: [Ada Lovelace]
    date: 2020
    venue: Lecture Notes in Computer Science
    volume: '1234'
    publisher: Springer
  - id: annals
    type: book
    title: Higher topos theory
    authors: [Jacob Lurie]
    date: 2009
    venue: Annals of Mathematics Studies
    issue: 170
    publisher: Princeton University Press
  - id: multivolume
    type: book
    title: Constructivism in mathematics
    authors: [A. S. Troelstra, Dirk van Dalen]
    date: 1988
    venue: Studies in Logic and the Foundations of Mathematics
    volume: 2
    issue: 123
    publisher: North-Holland
  - id: thesis
    type: thesis
    genre: phd-thesis
    title: Engines of thought
    authors: [Mary Somerville]
    date: 1830
    venue: Cambridge Dissertations
    issue: 7
    publisher: University of Cambridge
  - id: report
    type: report
    genre: working-paper
    title: On the wage of engines
    authors: [Charles Babbage]
    date: 2019
    venue: NBER Working Paper Series
    issue: 25555
    publisher: National Bureau of Economic Research
  - id: masters
    type: thesis
    genre: masters-thesis
    title: Tables of the moon
    authors: [Mary Fairfax]
    date: 1840
    publisher: University of London
    location: London
  - id: techreport
    type: report
    genre: technical-report
    title: Punching the cards
    authors: [Herman Hollerith]
    date: 1890
    issue: TR-12
    publisher: Census Office
  - id: software
    type: software
    title: engine
    authors: [George Boole]
    date: 2021
    venue: Analytical Tools
    issue: 3
    publisher: Zenodo
    url: https://example.org/engine
  - id: dataset
    type: dataset
    title: Punched cards
    authors: [Grace Hopper]
    date: 2022
    venue: Card Collections
    publisher: Zenodo
  - id: patent
    type: patent
    title: Difference engine
    authors: [Alan Turing]
    date: 1823
    venue: British Patent Office
    issue: 4711
  - id: blog
    type: other
    title: Introducing the engine
    authors: [Emmy Noether]
    date: 2019-02-20
    venue: eLife Labs
    url: https://example.org/blog
    extra: { csl_type: post-weblog, urldate: 2019-04-11 }
  - id: chapter
    type: chapter
    title: Notes on the engine
    authors: [Kurt Gödel]
    date: 1843
    venue: Scientific Memoirs
    volume: 3
    pages: 666-731
    publisher: Taylor
    extra: { series: Memoirs of Science, edition: '2' }
  - id: german
    type: journal
    title: zur elektrodynamik bewegter körper
    authors: [Albert Einstein]
    date: 1905
    venue: Annalen der Physik
    volume: 17
    pages: 891-921
    language: de
`;
