/**
 * KAFKA_NAMESPACE: a prefix on every physical topic name and consumer group id, applied inside libs/kafka
 * only. The rest of the code, the handlers, the history cursors and the dead-letter headers speak the
 * logical names of libs/contracts' TOPICS. No imports on purpose: the test set-up uses it before Jest's
 * module mapping exists.
 */

/** The broker's name of a logical topic (or consumer group id) under a namespace. */
export function physicalTopic(name: string, namespace: string): string {
  return `${namespace}${name}`;
}

/** The same prefix applies to consumer group ids. */
export const physicalGroup = physicalTopic;

/** The logical name of a physical topic of this namespace (a name outside it is returned unchanged). */
export function logicalTopic(physical: string, namespace: string): string {
  return namespace && physical.startsWith(namespace) ? physical.slice(namespace.length) : physical;
}
