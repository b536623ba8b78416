CREATE (r:ReportSnapshot {id: $id})
SET r += $props
RETURN r {.*} AS snapshot
