// A new subscription (its signing secret sealed by the caller); never returns the secret.
CREATE (s:NotificationSubscription)
SET s = $props
RETURN s {.id, .name, .channel, .url, .address, .kinds, .serviceId, .owner, .team, .enabled, .createdAt, .updatedAt} AS subscription
