// Every subscription (or those of $ids), by name; never the secret.
MATCH (s:NotificationSubscription)
WHERE $ids IS NULL OR s.id IN $ids
RETURN s {.id, .name, .channel, .url, .address, .kinds, .serviceId, .owner, .team, .enabled, .createdAt, .updatedAt} AS subscription
ORDER BY s.name
