"""The offline import's converter on its own (no server): what it refuses, and the CSV
it writes for what it accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphcmdb.errors import ValidationFailed
from graphcmdb.services.graph_offline_csv import ARRAY_DELIMITER, MARK, write_csv

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
