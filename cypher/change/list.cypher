// Newest first (numbers are zero-padded, so text order is creation order).
MATCH (c:Change)
WHERE ($state IS NULL OR c.state = $state)
  AND ($afterNumber IS NULL OR c.number < $afterNumber)
RETURN c {.*, labels: labels(c)} AS change
ORDER BY c.number DESC
LIMIT $limit
