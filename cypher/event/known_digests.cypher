// Which of these notifications were accepted before (read under the alerts' locks).
UNWIND $digests AS d
MATCH (e:Event {digest: d})
RETURN d AS digest
