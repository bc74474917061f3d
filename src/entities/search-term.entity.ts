import { Entity, Index, PrimaryColumn } from "typeorm";

/**
 * The words of the indexed documents (folded, before stemming): the vocabulary typo correction draws
 * from, through the trigram index `ix_search_term_trgm` (GiST: migration 1763930000001). Written by refreshSearchDocuments; a word
 * whose last document is gone may linger until the next full refresh, which only offers a correction
 * that then matches nothing.
 */
@Entity({ name: "search_term" })
@Index("ix_search_term_trgm", { synchronize: false })
export class SearchTermEntity {
  @PrimaryColumn({ type: "text", name: "term" })
  term: string;
}
