"""Finance's asset sheet finds the CIs its assets are: the serial (normalised, with a
compatible manufacturer) links each untracked asset to the one untracked CI it
identifies, in the import's transaction; no CI or several link nothing; a replay
changes nothing."""

from __future__ import annotations

from graphcmdb.db.database import Database
from graphcmdb.importing import files
from tests.importing.test_import_itam import count, load

K = files.ImportKind
CIS = """name,ciClass,serialNumber,manufacturer
db-01.corp.example,Server,CZ-1001,Dell Inc.
sw-01,NetworkDevice,FOC2222,Cisco
twin-a,Server,DUP-1,Dell
twin-b,Server,DUP-1,HPE
"""
ASSETS = """assetTag,name,serialNumber,manufacturer
A-1,db chassis,cz1001,DELL
A-2,switch,foc-2222,Lenovo
A-3,spare,NOPE-9,
A-4,twin,dup1,
"""


async def tracked(db: Database) -> list[tuple[str, str]]:
    rows = await db.run_raw(
        "MATCH (a:Asset)-[:TRACKS]->(c:CI) RETURN a.assetTag AS a, c.name AS c ORDER BY a"
    )
    return [(r["a"], r["c"]) for r in rows]


async def test_assets_are_linked_to_the_ci_their_serial_identifies(db: Database) -> None:
    await load(db, K.CIS, CIS)  # the twins share a serial, but two makers: two boxes
    assert await count(db, "(:CI)") == 4
    report = await load(db, K.ASSETS, ASSETS)
    assert report.created == 4
    # serial and maker agree; A-2: the makers differ (another box);
    # no CI has the serial; A-4: two CIs could be it (nothing is guessed)
    assert await tracked(db) == [("A-1", "db-01.corp.example")]
    [entry] = await db.run_raw(
        "MATCH (e:AuditEntry {operation: 'importAssets'}) RETURN e.after AS after"
    )
    assert '"tracked": [{"assetId"' in entry["after"]
    again = await load(db, K.ASSETS, ASSETS)
    assert (again.created, again.updated) == (0, 0)
    assert await count(db, "(:AuditEntry {operation: 'importAssets'})") == 1
