import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";

/** A calendar date without time or zone, `YYYY-MM-DD`. */
export const LocalDate = LocalDateResolver;
/** A point in time, ISO 8601 with zone. */
export const DateTime = DateTimeResolver;
