// Every relationship of the CIs taking part in a merge, with element ids to rewrite it
// (a CI without relationships still gives one row, for its element id). Identity keys
// are not moved: the kept CI claims its own keys again once merged.
UNWIND $ids AS id
MATCH (c:CI {id: id})
OPTIONAL MATCH (c)-[r]-(o) WHERE NOT o:IdentityKey
RETURN id AS ciId, elementId(c) AS ciKey, elementId(r) AS relKey, type(r) AS type,
       startNode(r) = c AS outgoing, o.id AS otherId, elementId(o) AS otherKey,
       properties(r) AS props
