import { registerEnumType } from "type-graphql";

// GraphQL enum values are SCREAMING_SNAKE; their internal values are the lower-case codes stored in
// Postgres (see src/domain/enums.ts), so resolvers pass them to SQL unchanged.

export enum Sector {
  HEALTH = "health",
  EDUCATION = "education",
  AGRICULTURE = "agriculture",
  ECONOMY = "economy",
  ENVIRONMENT = "environment",
  GOVERNANCE = "governance",
  SOCIAL_PROTECTION = "social_protection",
  POPULATION_ADMINISTRATION = "population_administration",
  PUBLIC_ORDER = "public_order",
  LAW_ENFORCEMENT = "law_enforcement",
  LICENSING = "licensing",
  COMPLAINTS = "complaints",
  TRANSPORT = "transport",
  OTHER = "other",
}
registerEnumType(Sector, {
  name: "Sector",
  description: "The public-service sector an innovation serves.",
  valuesConfig: {
    HEALTH: { description: "Health services: hospitals, puskesmas, maternal and child health, disease control." },
    EDUCATION: { description: "Schools, literacy and training." },
    AGRICULTURE: { description: "Farming, fisheries, livestock and plantations." },
    ECONOMY: { description: "Small business, employment, markets and local economic development." },
    ENVIRONMENT: { description: "Waste, water, sanitation and climate." },
    GOVERNANCE: { description: "Planning, budgeting, procurement, accountability and internal administration." },
    SOCIAL_PROTECTION: { description: "Poverty reduction, disability, housing and social assistance." },
    POPULATION_ADMINISTRATION: { description: "Civil registration and identity documents (adminduk)." },
    PUBLIC_ORDER: { description: "Policing, emergency response and public safety." },
    LAW_ENFORCEMENT: { description: "Legal aid and law enforcement services." },
    LICENSING: { description: "Permits, licences and single-window services." },
    COMPLAINTS: { description: "Complaint handling and public feedback channels." },
    TRANSPORT: { description: "Transport, vehicles and roads." },
    OTHER: { description: "Any other sector." },
  },
});

export enum AwardTier {
  OUTSTANDING = "outstanding",
  WINNER = "winner",
  TOP = "top",
  HONOURABLE_MENTION = "honourable_mention",
  SHORTLIST = "shortlist",
  FINALIST = "finalist",
  UNCLASSIFIED = "unclassified",
}
registerEnumType(AwardTier, {
  name: "AwardTier",
  description: "A competition result normalised across competitions, best first. The source's own label is kept in AwardResult.label.",
  valuesConfig: {
    OUTSTANDING: { description: "Outstanding Achievement or its successor OPSI: the highest national distinction." },
    WINNER: { description: "First place: Juara 1, Terbaik I, Winner." },
    TOP: { description: "The edition's top tier (Top 9, Top 25, Top 35, Top 40, Top 45, Top 7, Top 20…) or another podium place." },
    HONOURABLE_MENTION: { description: "Juara Harapan, Honorable Mention, special or participation categories." },
    SHORTLIST: { description: "A selection on the way to the top tier, such as Top 99." },
    FINALIST: { description: "Reached the final stages without a final result (Finalis…)." },
    UNCLASSIFIED: { description: "A label the catalogue could not classify; kept as the source printed it." },
  },
});

export enum CompetitionLevel {
  INTERNATIONAL = "international",
  NATIONAL = "national",
  PROVINCIAL = "provincial",
  REGENCY = "regency",
  CITY = "city",
}
registerEnumType(CompetitionLevel, {
  name: "CompetitionLevel",
  description: "The level of government (or beyond) at which a competition is held.",
  valuesConfig: {
    INTERNATIONAL: { description: "International, such as the UN Public Service Awards." },
    NATIONAL: { description: "National, such as KemenPANRB's KIPP (formerly SINOVIK)." },
    PROVINCIAL: { description: "Provincial, such as KIPP Provinsi Jawa Tengah." },
    REGENCY: { description: "Regency (kabupaten), such as Kabupaten Pekalongan's competition." },
    CITY: { description: "City (kota)." },
  },
});

export enum RegionKind {
  PROVINCE = "province",
  REGENCY = "regency",
  CITY = "city",
}
registerEnumType(RegionKind, {
  name: "RegionKind",
  description: "Kind of administrative region.",
  valuesConfig: {
    PROVINCE: { description: "Provinsi." },
    REGENCY: { description: "Kabupaten." },
    CITY: { description: "Kota." },
  },
});

export enum InstitutionKind {
  MINISTRY = "ministry",
  AGENCY = "agency",
  PROVINCIAL_GOVERNMENT = "provincial_government",
  REGENCY_GOVERNMENT = "regency_government",
  CITY_GOVERNMENT = "city_government",
  REGIONAL_DEVICE = "regional_device",
  BUMN = "bumn",
  BUMD = "bumd",
  OTHER = "other",
}
registerEnumType(InstitutionKind, {
  name: "InstitutionKind",
  description: "Kind of institution (instansi).",
  valuesConfig: {
    MINISTRY: { description: "A ministry (kementerian)." },
    AGENCY: { description: "A national agency or body (lembaga), including the police." },
    PROVINCIAL_GOVERNMENT: { description: "A provincial government (pemerintah provinsi)." },
    REGENCY_GOVERNMENT: { description: "A regency government (pemerintah kabupaten)." },
    CITY_GOVERNMENT: { description: "A city government (pemerintah kota)." },
    REGIONAL_DEVICE: { description: "A regional device (OPD): dinas, badan, RSUD, puskesmas, kecamatan." },
    BUMN: { description: "A state-owned enterprise." },
    BUMD: { description: "A region-owned enterprise." },
    OTHER: { description: "Any other institution." },
  },
});

export enum InnovationStatus {
  CONTINUING = "continuing",
  CONTINUING_WITH_DEVELOPMENT = "continuing_with_development",
  STOPPED = "stopped",
}
registerEnumType(InnovationStatus, {
  name: "InnovationStatus",
  description: "Whether an innovation is still running, as of a date.",
  valuesConfig: {
    CONTINUING: { description: "Still running." },
    CONTINUING_WITH_DEVELOPMENT: { description: "Still running and being developed further." },
    STOPPED: { description: "No longer running." },
  },
});

export enum ReplicationStatus {
  INTEREST = "interest",
  AGREEMENT = "agreement",
  IMPLEMENTED = "implemented",
  DISCONTINUED = "discontinued",
}
registerEnumType(ReplicationStatus, {
  name: "ReplicationStatus",
  description: "How far a replication has gone, as the national innovation network tracks it.",
  valuesConfig: {
    INTEREST: { description: "The adopter has declared interest." },
    AGREEMENT: { description: "A replication agreement has been signed." },
    IMPLEMENTED: { description: "The adopter runs its own version." },
    DISCONTINUED: { description: "The replication was stopped." },
  },
});

export enum KnowledgeEventKind {
  COACHING_CLINIC = "coaching_clinic",
  WORKSHOP = "workshop",
  SOCIALISATION = "socialisation",
  OTHER = "other",
}
registerEnumType(KnowledgeEventKind, {
  name: "KnowledgeEventKind",
  description: "Kind of knowledge-transfer event.",
  valuesConfig: {
    COACHING_CLINIC: { description: "A coaching clinic for innovators, usually before a competition." },
    WORKSHOP: { description: "A workshop (lokakarya)." },
    SOCIALISATION: { description: "A briefing (sosialisasi) on a competition's rules." },
    OTHER: { description: "Any other event." },
  },
});

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction.",
  valuesConfig: { ASC: { description: "Ascending." }, DESC: { description: "Descending." } },
});
