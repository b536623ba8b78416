// Delete a subscription; its deliveries stay in the log (not sent any more).
MATCH (s:NotificationSubscription {id: $id})
WITH s, s {.id, .name, .channel, .url, .address, .kinds, .serviceId, .owner, .team, .enabled, .createdAt, .updatedAt} AS before
DELETE s
RETURN before AS subscription
