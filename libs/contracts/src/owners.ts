/**
 * Owners: every job, upload, dataset and model name belongs to the owner of the API key that made it. Events
 * carry it (`ownerId` in every envelope); those from before access control, and everything made with AUTH=off,
 * belong to LEGACY_OWNER.
 */
export const LEGACY_OWNER = 'legacy';

/** The owner an event names: an empty or missing owner (older dataset events) is the legacy one. */
export const ownerOf = (ownerId: string | null | undefined): string => (ownerId ? ownerId : LEGACY_OWNER);
