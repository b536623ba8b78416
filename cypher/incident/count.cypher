MATCH (i:Incident)
WHERE ($state IS NULL OR i.state = $state)
  AND ($priority IS NULL OR i.priority = $priority)
  AND ($ids IS NULL OR i.id IN $ids)
RETURN count(i) AS total
