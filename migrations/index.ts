import { InitialCatalogue1763800000000 } from "./1763800000000-initial-catalogue";

/** Every migration, oldest first. Listed explicitly so that no glob decides what runs. */
export const MIGRATIONS = [InitialCatalogue1763800000000];
