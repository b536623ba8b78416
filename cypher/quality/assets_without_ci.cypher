// Assets in use (the given lifecycle states) that track no CI.
MATCH (a:Asset)
WHERE a.lifecycleState IN $states AND NOT EXISTS { (a)-[:TRACKS]->(:CI) }
RETURN count(a) AS count
