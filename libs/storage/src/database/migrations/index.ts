/** Every migration, in order. Add new ones at the end; never edit one that has landed. */
export const MIGRATIONS: Function[] = [];
