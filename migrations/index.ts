import { InitialCatalogue1763800000000 } from "./1763800000000-initial-catalogue";
import { Search1763900000000 } from "./1763900000000-search";
import { SearchFilterLexemes1763900000001 } from "./1763900000001-search-filter-lexemes";
import { SearchOutbox1763905000000 } from "./1763905000000-search-outbox";
import { Publishing1763910000000 } from "./1763910000000-publishing";
import { ImportProvenance1763920000000 } from "./1763920000000-import-provenance";
import { SearchFacetColumns1763930000000 } from "./1763930000000-search-facet-columns";
import { SearchTermTrigramGist1763930000001 } from "./1763930000001-search-term-trigram-gist";
import { SearchMoreFilterLexemes1763930000002 } from "./1763930000002-search-more-filter-lexemes";
import { CatalogueVersion1763940000000 } from "./1763940000000-catalogue-version";
import { SearchDocumentLayout1763950000000 } from "./1763950000000-search-document-layout";

/** Every migration, oldest first. Listed explicitly so that no glob decides what runs. */
export const MIGRATIONS = [InitialCatalogue1763800000000, Search1763900000000, SearchFilterLexemes1763900000001, SearchOutbox1763905000000, Publishing1763910000000, ImportProvenance1763920000000, SearchFacetColumns1763930000000, SearchTermTrigramGist1763930000001, SearchMoreFilterLexemes1763930000002, CatalogueVersion1763940000000, SearchDocumentLayout1763950000000];
