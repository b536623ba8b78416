// Every relationship between entities now, shaped like snapshot_edges.
MATCH (a:Entity)-[r]->(b:Entity)
  WHERE $ids IS NULL OR (a.id IN $ids AND b.id IN $ids)
RETURN a.id AS source, type(r) AS type, b.id AS target, r {.*} AS props
