import { CatalogueVersionEntity } from "./catalogue-version.entity";
import { AwardResultEntity } from "./award-result.entity";
import { CompetitionEditionEntity } from "./competition-edition.entity";
import { CompetitionEntity } from "./competition.entity";
import { InnovationEntity } from "./innovation.entity";
import { InstitutionEntity } from "./institution.entity";
import { KnowledgeEventEntity } from "./knowledge-event.entity";
import { RegionEntity } from "./region.entity";
import { ReplicationEntity } from "./replication.entity";
import { SourceLinkEntity } from "./source-link.entity";
import { SourceEntity } from "./source.entity";
import { ImportReviewEntity } from "./import-review.entity";
import { ImportRunEntity } from "./import-run.entity";
import { SeedSnapshotEntity } from "./seed-snapshot.entity";
import { SourceClaimEntity } from "./source-claim.entity";
import { SearchDocumentEntity } from "./search-document.entity";
import { SearchTermEntity } from "./search-term.entity";
import { SearchOutboxTargetEntity } from "./search-outbox-target.entity";
import { SearchOutboxEntity } from "./search-outbox.entity";
import { ApiKeyEntity } from "./api-key.entity";
import { AuditEntryEntity } from "./audit-entry.entity";
import { PublisherCompetitionEntity } from "./publisher-competition.entity";
import { PublisherEntity } from "./publisher.entity";

export {
  AwardResultEntity,
  CompetitionEditionEntity,
  CompetitionEntity,
  InnovationEntity,
  InstitutionEntity,
  KnowledgeEventEntity,
  RegionEntity,
  ReplicationEntity,
  SourceEntity,
  SourceLinkEntity,
  ImportReviewEntity,
  ImportRunEntity,
  SeedSnapshotEntity,
  SourceClaimEntity,
  SearchDocumentEntity,
  SearchTermEntity,
  SearchOutboxTargetEntity,
  SearchOutboxEntity,
  ApiKeyEntity,
  AuditEntryEntity,
  PublisherCompetitionEntity,
  PublisherEntity,
};

/** Every entity, for the DataSource. */
export const ENTITIES = [
  RegionEntity,
  SourceEntity,
  SourceLinkEntity,
  InstitutionEntity,
  CompetitionEntity,
  CompetitionEditionEntity,
  InnovationEntity,
  AwardResultEntity,
  ReplicationEntity,
  KnowledgeEventEntity,
  ImportRunEntity,
  ImportReviewEntity,
  SourceClaimEntity,
  SeedSnapshotEntity,
  SearchDocumentEntity,
  SearchTermEntity,
  SearchOutboxTargetEntity,
  SearchOutboxEntity,
  PublisherEntity,
  PublisherCompetitionEntity,
  ApiKeyEntity,
  AuditEntryEntity,
  CatalogueVersionEntity,
];
