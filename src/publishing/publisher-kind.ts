/**
 * What kind of body a publisher is. Descriptive only: what a publisher may write is decided by its
 * scope (see scope.ts), never by its kind.
 * - national_body: a ministry or national agency, e.g. KemenPANRB for KIPP.
 * - regional_government: a provincial, regency or city government body, e.g. Biro Organisasi Setda
 *   Provinsi Jawa Tengah.
 * - organiser: another competition organiser (a university, a newspaper, a foundation).
 * - other: anyone else.
 */
export const PUBLISHER_KINDS = ["national_body", "regional_government", "organiser", "other"] as const;

/** One of {@link PUBLISHER_KINDS}; stored as text guarded by `ck_publisher_kind`. */
export type PublisherKind = (typeof PUBLISHER_KINDS)[number];
