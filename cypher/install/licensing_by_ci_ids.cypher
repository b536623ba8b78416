// Per CI: each installation of a product whose family has licenses, with every license
// of that family (which of them cover the installed version is decided in Python by
// itam/versions.covers, the same rule the license positions use).
UNWIND $ids AS id
MATCH (:CI {id: id})-[i:HAS_INSTALLED]->(p:SoftwareProduct)
WITH id, i, p, COLLECT {
  MATCH (l:License)-[:FOR]->(lp:SoftwareProduct {family: p.family})
  RETURN l {.id, .metric, .downgradable, version: lp.version} AS license
  ORDER BY l.name, l.id
} AS licenses
WHERE size(licenses) > 0
RETURN id, i {.version, .installedAt} AS installation, p {.*, labels: labels(p)} AS product,
       licenses
ORDER BY id, p.key
