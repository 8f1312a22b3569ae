/** Every TypeORM entity of the project (the history projection's tables). */
export const ENTITIES: Function[] = [];
