MATCH (s:Schedule {id: $id})
WHERE s.leaseHolder = $holder
SET s.leaseExpires = $until
RETURN s.id AS id
