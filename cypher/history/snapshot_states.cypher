// Every entity's version valid at $asOf (a whole-graph snapshot, for the diff).
MATCH (t:Timeline)-[v:STATE]->(s)
  WHERE $ids IS NULL OR t.id IN $ids
  WITH t, v, s WHERE v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
RETURN t.id AS id, s {.*, _labels: null} AS props, [l IN s._labels WHERE l <> 'Entity'] AS labels
