// Newest first (numbers are zero-padded, so text order is creation order).
MATCH (i:Incident)
WHERE ($state IS NULL OR i.state = $state)
  AND ($priority IS NULL OR i.priority = $priority)
  AND ($ids IS NULL OR i.id IN $ids)
  AND ($afterNumber IS NULL OR i.number < $afterNumber)
RETURN i {.*, labels: labels(i)} AS incident
ORDER BY i.number DESC
LIMIT $limit
