// Incidents that were open at some moment of [$from, $to): opened before the window ends
// and not resolved before it starts, with the ids of everything they AFFECT.
MATCH (i:Incident)
WHERE i.openedAt < $to AND (i.resolvedAt IS NULL OR i.resolvedAt >= $from)
RETURN i {.id, .number, .priority, .state, .openedAt, .resolvedAt,
          .resolvedAtFirstContact, .createdAt} AS incident,
       [(i)-[:AFFECTS]->(n) | n.id] AS affects
ORDER BY i.openedAt, i.number
