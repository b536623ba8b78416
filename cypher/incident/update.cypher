MATCH (i:Incident {id: $id})
WITH i, i {.*} AS before
SET i += $props, i.updatedAt = datetime()
RETURN before, i {.*, labels: labels(i)} AS incident
