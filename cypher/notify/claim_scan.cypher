// The periodic scan's slot, taken like a schedule's lease: the first SET locks the node,
// so of several processes due at once one finds the slot free and moves it $interval on;
// the others see it taken and scan nothing until it is due again.
MERGE (f:ChangeFeed {name: $name})
SET f._lock = true
REMOVE f._lock
WITH f
WHERE f.nextScanAt IS NULL OR f.nextScanAt <= $now
SET f.nextScanAt = $next, f.scannedBy = $holder
RETURN f.name AS name
