"""The offline import's converter on its own (no server): what it refuses, and the CSV
it writes for what it accepts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from graphcmdb.errors import ValidationFailed
from graphcmdb.services.graph_offline_csv import MARK, write_csv
from graphcmdb.services.graph_offline_values import ARRAY_DELIMITER

HEADER = '{"excluded":[],"format":"graphcmdb-graph","nodes":2,"relationships":1,"version":1}'
NODE = '{{"labels":["CI","Entity","Server"],"n":{n},"props":{props}}}'


def quiet(stage: str, done: int, total: int) -> None:
    return None


BAD = {
    "unknown label": '{"labels":["Teapot"],"n":0,"props":{}}',
    "never imported": '{"labels":["ApiToken"],"n":0,"props":{}}',
    "no label of a node spec": '{"labels":["Entity"],"n":0,"props":{}}',
    "needs labels and n": NODE.format(n="true", props="{}"),
    "cannot be imported offline": NODE.format(n=0, props='{"a b":1}'),
    "does not fit a long": NODE.format(n=0, props='{"big":18446744073709551616}'),
    "mixes": NODE.format(n=0, props='{"odd":[NaN,"a"]}'),
    "not a datetime": NODE.format(n=0, props='{"at":{"$":"datetime","v":"soon"}}'),
    "not a date value": NODE.format(n=0, props='{"on":{"$":"date","v":"2023-02-30"}}'),
    "not a datetime value": NODE.format(
        n=0, props='{"at":{"$":"datetime","v":"2026-01-01T00:00:00+99:99"}}'
    ),
    "not a dumped value": NODE.format(n=0, props='{"at":{"$":"datetime","v":1}}'),
}


@pytest.mark.parametrize("reason", list(BAD))
def test_a_bad_line_is_refused_naming_it(reason: str, tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed, match=f"line 2: .*{reason}"):
        write_csv(iter([HEADER, BAD[reason]]), tmp_path, quiet)


def test_a_node_given_twice_and_a_relationship_to_nowhere_are_refused(tmp_path: Path) -> None:
    node = NODE.format(n=0, props='{"id":"a"}')
    with pytest.raises(ValidationFailed, match="line 3: node 0 is given twice"):
        write_csv(iter([HEADER, node, node]), tmp_path, quiet)
    rel = '{"from":0,"props":{},"to":7,"type":"DEPENDS_ON"}'
    with pytest.raises(ValidationFailed, match="line 3: an end is no node of the file"):
        write_csv(iter([HEADER, node, rel]), tmp_path, quiet)


def test_one_file_per_shape_every_field_set_and_what_csv_cannot_say_kept_aside(
    tmp_path: Path,
) -> None:
    lines = [
        HEADER,
        NODE.format(n=0, props='{"id":"a","name":"say \\"hi\\", twice","tags":["x",""]}'),
        NODE.format(n=1, props='{"id":"b","name":"b","tags":["y"]}'),
        NODE.format(
            n=2, props='{"id":"c","tags":[],"at":{"$":"datetime","v":"2026-01-01T00:00:00"}}'
        ),
        '{"from":0,"props":{"kind":"hard","ports":[1,2]},"to":1,"type":"DEPENDS_ON"}',
    ]
    dump = write_csv(iter(lines), tmp_path, quiet)
    assert (dump.node_count, dump.relationship_count) == (3, 1)
    assert [(f.path.name, f.names) for f in dump.nodes] == [
        ("nodes-0000.csv", "CI:Entity:Server"),
        ("nodes-0001.csv", "CI:Entity:Server"),
    ]
    assert dump.nodes[0].path.read_text().splitlines() == [
        ":ID,id:string,name:string,tags:string[]",
        f'0,"a","say ""hi"", twice","x{ARRAY_DELIMITER}"',
        '1,"b","b","y"',
    ]
    assert dump.nodes[1].path.read_text().splitlines() == [
        f":ID,{MARK}:long,at:localdatetime,id:string",
        '2,2,2026-01-01T00:00:00,"c"',
    ]
    assert dump.fixups.nodes == {"CI": {"2": {"tags": []}}}
    assert dump.relationships[0].path.read_text().splitlines() == [
        ":START_ID,:END_ID,kind:string,ports:long[]",
        f'0,1,"hard",1{ARRAY_DELIMITER}2',
    ]


AT = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
ZONED = '{"$":"datetime","v":"2026-01-0%dT00:00:00Z"}'


def test_version_one_of_every_entity_is_written_beside_it_as_the_seed_would(
    tmp_path: Path,
) -> None:
    """Timelines, States (with ``_labels``), STATE from createdAt else the import's
    time, WAS_ edges from createdAt else the later end; an entity's fix-ups kept for its
    State; an entity whose createdAt is a fix-up, and a relationship with fix-ups or
    with times Python would not compare as Cypher does, left to the seed."""
    lines = [
        HEADER.replace('"nodes":2,"relationships":1', '"nodes":7,"relationships":7'),
        NODE.format(n=0, props='{"id":"a","createdAt":%s}' % (ZONED % 1)),
        NODE.format(n=1, props='{"id":"b","createdAt":%s}' % (ZONED % 2)),
        NODE.format(n=2, props='{"id":"c","_labels":["x"]}'),  # the State's own _labels
        NODE.format(n=3, props='{"id":"d","tags":[]}'),  # a fix-up: on its State later
        '{"labels":["Entity","Service"],"n":4,'
        '"props":{"createdAt":{"$":"duration","v":"P1D"},"id":"e","name":"mail"}}',
        NODE.format(n=5, props='{"id":"f","createdAt":[]}'),  # left to the seed
        NODE.format(n=6, props='{"name":"no id"}'),  # left to the seed
        '{"from":0,"props":{"kind":"hard"},"to":1,"type":"DEPENDS_ON"}',  # from b's time
        '{"from":1,"props":{"validFrom":1},"to":2,"type":"RUNS_ON"}',  # from AT (c has none)
        '{"from":0,"props":{"createdAt":%s},"to":3,"type":"RUNS_ON"}' % (ZONED % 3),
        '{"from":2,"props":{"none":[]},"to":0,"type":"DEPENDS_ON"}',  # fix-ups: marked
        '{"from":0,"props":{"createdAt":{"$":"duration","v":"P2D"}},"to":1,"type":"MEMBER_OF"}',
        '{"from":4,"props":{},"to":4,"type":"DEPENDS_ON"}',  # durations: left to the seed
        '{"from":5,"props":{},"to":0,"type":"DEPENDS_ON"}',  # at f: the seed's
    ]
    dump = write_csv(iter(lines), tmp_path, quiet, AT)
    history = dump.history
    assert history is not None
    files = {(f.path.name, f.names): f.path.read_text().splitlines() for f in dump.nodes}
    files |= {(f.path.name, f.names): f.path.read_text().splitlines() for f in dump.relationships}
    by_names: dict[str, list[str]] = {}
    for (_, names), rows in sorted(files.items()):
        by_names.setdefault(names, []).extend(rows)
    at = AT.isoformat()
    assert by_names["Timeline"] == [":ID(h),id:string", '0,"a"', '1,"b"', '2,"c"', '3,"d"', '4,"e"']
    labels = ARRAY_DELIMITER.join(["CI", "Entity", "Server"])
    assert by_names["State"] == [
        ":ID(s),createdAt:datetime,id:string,_labels:string[]",
        f'0,2026-01-01T00:00:00Z,"a","{labels}"',
        f'1,2026-01-02T00:00:00Z,"b","{labels}"',
        ":ID(s),id:string,_labels:string[]",
        f'2,"c","{labels}"',  # its own _labels property is not copied: the labels are
        f'3,"d","{labels}"',
        ":ID(s),createdAt:duration,id:string,name:string,_labels:string[]",
        f'4,P1D,"e","mail","Entity{ARRAY_DELIMITER}Service"',
    ]
    assert by_names["STATE"] == [
        ":START_ID(h),:END_ID(s),validFrom:datetime",
        "0,0,2026-01-01T00:00:00Z",
        "1,1,2026-01-02T00:00:00Z",
        "2,2," + at,
        "3,3," + at,
        ":START_ID(h),:END_ID(s),validFrom:duration",  # coalesce(n.createdAt, $at), as is
        "4,4,P1D",
    ]
    assert by_names["WAS_DEPENDS_ON"] == [
        ":START_ID(h),:END_ID(h),kind:string,validFrom:datetime",
        '0,1,"hard",2026-01-02T00:00:00Z',
    ]
    assert by_names["WAS_RUNS_ON"] == [
        ":START_ID(h),:END_ID(h),validFrom:datetime",
        f"1,2,{at}",
        ":START_ID(h),:END_ID(h),createdAt:datetime,validFrom:datetime",
        "0,3,2026-01-03T00:00:00Z,2026-01-03T00:00:00Z",
    ]
    assert by_names["WAS_MEMBER_OF"] == [
        ":START_ID(h),:END_ID(h),createdAt:duration,validFrom:duration",
        "0,1,P2D,P2D",
    ]
    assert dump.fixups.nodes == {"CI": {"3": {"tags": []}, "5": {"createdAt": []}}}
    assert dump.fixups.relationships == {
        "DEPENDS_ON": {"12": {"none": []}, "14": {}},  # marked: its start's Timeline too
    }
    assert history.state_fixups == {"d": {"tags": []}}
    assert history.seeded == {5, 6}
    assert history.left == 2
    assert history.seed_needed(0)
    assert history.label_orders == {("CI", "Entity", "Server"): "a",
                                    ("Entity", "Service"): "e"}  # fmt: skip
