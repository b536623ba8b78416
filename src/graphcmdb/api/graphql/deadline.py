"""Per-operation deadlines once the operation is known: a query gets the read deadline
for the whole request (``api/lifetime.py`` holds it), a mutation the mutation deadline,
and every transaction a mutation starts, its reads included, the write deadline
(``db/deadlines.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from graphcmdb.api.lifetime import Deadline
from graphcmdb.db.deadlines import writing


def request_deadline(context: object) -> Deadline | None:
    """The deadline ``api/lifetime.py`` holds for the context's HTTP request, if any."""
    request = getattr(context, "request", None)
    state = getattr(request, "state", None)
    deadline = getattr(state, "deadline", None)
    return deadline if isinstance(deadline, Deadline) else None


class OperationDeadline(SchemaExtension):
    def __init__(self, *, read_s: float, mutation_s: float) -> None:
        self.read_s, self.mutation_s = read_s, mutation_s

    def _deadline(self) -> Deadline | None:
        return request_deadline(self.execution_context.context)

    def _mutation(self) -> bool:
        return self.execution_context.operation_type is OperationType.MUTATION

    def on_validate(self) -> Iterator[None]:
        """Narrowed as soon as the document is parsed: a query's wait for a slot
        (``shedding.py``) counts against its deadline."""
        deadline = self._deadline()
        if deadline is not None:
            if self._mutation():
                deadline.narrow(self.mutation_s, "mutation")
            else:
                deadline.narrow(self.read_s, "query")
        yield

    def on_execute(self) -> Iterator[None]:
        with ExitStack() as stack:
            if self._mutation():
                stack.enter_context(writing())
            yield
