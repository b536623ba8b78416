// A counter raised to at least $value (an imported record kept its number), so the next
// number it gives never collides with an imported one.
MERGE (s:Sequence {name: $series})
SET s.value = CASE WHEN coalesce(s.value, 0) < $value THEN $value ELSE s.value END
RETURN s.value AS value
