import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A public page that states facts held in the catalogue. Unique by URL. */
@Entity({ name: "source" })
export class SourceEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Column({ type: "text", name: "url", unique: true })
  url: string;

  @Column({ type: "text", name: "title", nullable: true })
  title: string | null;

  @Column({ type: "text", name: "publisher", nullable: true })
  publisher: string | null;

  @Column({ type: "date", name: "retrieved_at", nullable: true })
  retrievedAt: string | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;
}
