import { ObjectType } from "type-graphql";
import { AwardResult } from "./award-result.type";
import { Competition } from "./competition.type";
import { Connection } from "./connection";
import { Innovation } from "./innovation.type";
import { Institution } from "./institution.type";
import { KnowledgeEvent } from "./knowledge-event.type";
import { Region } from "./region.type";

@ObjectType("InnovationConnection", { description: "A page of innovations (Relay cursor connection)." })
export class InnovationConnection extends Connection(Innovation, "Innovation", "Number of innovations that match.") {}

@ObjectType("AwardResultConnection", { description: "A page of award results (Relay cursor connection)." })
export class AwardResultConnection extends Connection(AwardResult, "AwardResult", "Number of award results that match.") {}

@ObjectType("InstitutionConnection", { description: "A page of institutions (Relay cursor connection)." })
export class InstitutionConnection extends Connection(Institution, "Institution", "Number of institutions that match.") {}

@ObjectType("RegionConnection", { description: "A page of regions (Relay cursor connection)." })
export class RegionConnection extends Connection(Region, "Region", "Number of regions that match.") {}

@ObjectType("CompetitionConnection", { description: "A page of competition series (Relay cursor connection)." })
export class CompetitionConnection extends Connection(Competition, "Competition", "Number of competitions that match.") {}

@ObjectType("KnowledgeEventConnection", { description: "A page of knowledge events (Relay cursor connection)." })
export class KnowledgeEventConnection extends Connection(KnowledgeEvent, "KnowledgeEvent", "Number of events that match.") {}
