// Every entity now (or those of $ids), shaped like snapshot_states: what the open
// versions must agree with (hidden properties are dropped by the caller).
MATCH (n:Entity)
  WHERE $ids IS NULL OR n.id IN $ids
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'] AS labels,
       n {.*} AS props
