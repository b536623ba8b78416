// What still points at each vendor: the contracts WITH it, by number.
UNWIND $ids AS id
MATCH (c:Contract)-[:WITH]->(:Vendor {id: id})
RETURN id, 'contracts' AS kind, c.id AS ref, c {.*, labels: labels(c)} AS item
ORDER BY id, c.number, c.id
