// What a collapsed neighbourhood leaves out around each drawn node, as counts: the
// asset's lifecycle events, the CI's installed packages (with the widest one's install
// count), the package's installations. Degrees only: no CI behind a package is read.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH n,
     COUNT { (n)-[:HAD]->(:LifecycleEvent) } AS events,
     [(n)-[:HAS_INSTALLED]->(p) | COUNT { (p)<-[:HAS_INSTALLED]-() }] AS installs,
     COUNT { (n)<-[:HAS_INSTALLED]-() } AS installedOn
WHERE events > 0 OR size(installs) > 0 OR installedOn > 0
RETURN n.id AS id, events, size(installs) AS packages,
       reduce(widest = 0, c IN installs | CASE WHEN c > widest THEN c ELSE widest END) AS widest,
       installedOn
