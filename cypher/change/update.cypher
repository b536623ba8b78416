MATCH (c:Change {id: $id})
WITH c, c {.*} AS before
SET c += $props, c.updatedAt = datetime()
RETURN before, c {.*, labels: labels(c)} AS change
