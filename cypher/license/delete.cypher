MATCH (l:License {id: $id})
WITH l, l {.*} AS before
DETACH DELETE l
RETURN before
