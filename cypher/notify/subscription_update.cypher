// A subscription's fields replaced by $props (null removes one); before and after,
// never the secret.
MATCH (s:NotificationSubscription {id: $id})
WITH s, s {.id, .name, .channel, .url, .address, .kinds, .serviceId, .owner, .team, .enabled, .createdAt, .updatedAt} AS before
SET s += $props
RETURN before, s {.id, .name, .channel, .url, .address, .kinds, .serviceId, .owner, .team, .enabled, .createdAt, .updatedAt} AS subscription
