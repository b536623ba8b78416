// What history holds: timelines, versions and relationship versions.
CALL () { MATCH (t:Timeline) RETURN count(t) AS timelines }
CALL () { MATCH (:Timeline)-[:STATE]->(s) RETURN count(s) AS versions }
CALL () { MATCH (:Timeline)-[w]->(:Timeline) RETURN count(w) AS edgeVersions }
RETURN timelines, versions, edgeVersions
