/**
 * The words of the domain as values: actor categories, resource systems, the resources a tie can
 * exchange and the answer scales' levels (DOMAIN.md). Field names are English; every word a reader
 * sees comes from the locale files.
 */

/** Where an actor sits: a group member (`internal`), one of the resource systems, or other. */
export const CATEGORIES = ['internal', 'pemasaran', 'pelatihan', 'permodalan', 'legalitas', 'lainnya'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The resource systems of the development model (DOMAIN.md), in report order. */
export const RESOURCE_SYSTEMS = ['pemasaran', 'pelatihan', 'permodalan', 'legalitas'] as const;
export type ResourceSystem = (typeof RESOURCE_SYSTEMS)[number];

/** What can be exchanged through a tie. */
export const RESOURCES = ['pemasaran', 'pelatihan', 'permodalan', 'informasi', 'legalitas'] as const;
export type Resource = (typeof RESOURCES)[number];

/** The cooperation ladder of seed 001: 0 none … 5 confederation. */
export const COOPERATION_LEVELS = [0, 1, 2, 3, 4, 5] as const;
export const TRUST_LEVELS = [1, 2, 3, 4, 5] as const;
export const FREQUENCY_LEVELS = [0, 1, 2, 3, 4] as const;
