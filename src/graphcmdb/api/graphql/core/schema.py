"""The core domain's part of the root Query and Mutation."""

from __future__ import annotations

import strawberry

from graphcmdb.api.graphql.core.diff_query import DiffQuery
from graphcmdb.api.graphql.core.import_mutation import ExportQuery, ImportMutation
from graphcmdb.api.graphql.core.import_query import ImportQuery
from graphcmdb.api.graphql.core.mutation import CIMutation
from graphcmdb.api.graphql.core.query import CIQuery
from graphcmdb.api.graphql.core.tasks import TaskMutation, TaskQuery


@strawberry.type
class CoreQuery(CIQuery, TaskQuery, DiffQuery, ExportQuery, ImportQuery):
    pass


@strawberry.type
class CoreMutation(CIMutation, ImportMutation, TaskMutation):
    pass
