import { LocalDateResolver } from "graphql-scalars";

/** A calendar date without time or zone, `YYYY-MM-DD`. */
export const LocalDate = LocalDateResolver;
