// The next value of a named counter. The increment reads and writes the property in one
// SET, so Cypher write-locks the counter first: concurrent callers never get the same value.
MERGE (s:Sequence {name: $series})
SET s.value = coalesce(s.value, 0) + 1
RETURN s.value AS value
