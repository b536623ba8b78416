// Devices a run saw unchanged: only lastSeen moves (never backwards).
UNWIND $rows AS row
MATCH (c:CI {id: row.id})
WHERE c.lastSeen IS NULL OR c.lastSeen < row.at
SET c.lastSeen = row.at
RETURN c.id AS id
