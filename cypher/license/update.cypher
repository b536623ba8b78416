MATCH (l:License {id: $id})
WITH l, l {.*} AS before
SET l += $props, l.updatedAt = datetime()
RETURN before, l {.*, labels: labels(l)} AS license
