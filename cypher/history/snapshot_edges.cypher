// Every history edge valid at $asOf (a whole-graph snapshot, for the diff).
MATCH (a:Timeline)-[r]->(b:Timeline)
  WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true)
    AND ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids))
RETURN a.id AS source, substring(type(r), 4) AS type, b.id AS target,
       r {.*, validFrom: null, validTo: null} AS props
