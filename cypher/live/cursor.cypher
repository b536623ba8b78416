// The change feed's last number (0 before any status moved).
OPTIONAL MATCH (f:ChangeFeed {name: $feed})
RETURN coalesce(f.seq, 0) AS seq
