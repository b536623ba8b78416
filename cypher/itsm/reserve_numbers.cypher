// Reserve $count consecutive values of a named counter (the last one is returned), under
// the same write lock as itsm/next_number.
MERGE (s:Sequence {name: $series})
SET s.value = coalesce(s.value, 0) + $count
RETURN s.value AS last
