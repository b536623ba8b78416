// The element ids of the Entity nodes with these ids (a walk by element id starts from
// them: ``impact/needs_below``), as [id, element id] pairs; ids that name none are left
// out. Valid within the one transaction that reads them.
UNWIND $ids AS id
MATCH (x:Entity {id: id})
RETURN collect([id, elementId(x)]) AS found
