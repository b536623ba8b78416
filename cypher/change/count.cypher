MATCH (c:Change)
WHERE ($state IS NULL OR c.state = $state)
RETURN count(c) AS total
