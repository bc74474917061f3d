import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { CompetitionEntity } from "./competition.entity";
import { PublisherEntity } from "./publisher.entity";

/** A competition series a publisher organises: part of its scope. The primary key indexes `publisher_id`. */
@Entity({ name: "publisher_competition" })
export class PublisherCompetitionEntity {
  @PrimaryColumn({ type: "int", name: "publisher_id" })
  publisherId: number;

  @ManyToOne(() => PublisherEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "publisher_id", foreignKeyConstraintName: "fk_publisher_competition_publisher" })
  publisher?: PublisherEntity;

  @Index("ix_publisher_competition_competition_id")
  @PrimaryColumn({ type: "int", name: "competition_id" })
  competitionId: number;

  @ManyToOne(() => CompetitionEntity, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "competition_id", foreignKeyConstraintName: "fk_publisher_competition_competition" })
  competition?: CompetitionEntity;
}
