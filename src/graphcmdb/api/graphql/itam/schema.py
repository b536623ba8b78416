"""The ITAM domain's part of the root Query and Mutation."""

from __future__ import annotations

import strawberry

from graphcmdb.api.graphql.itam.contract_mutation import ContractMutation
from graphcmdb.api.graphql.itam.contract_query import ContractQuery
from graphcmdb.api.graphql.itam.cost_query import CostQuery
from graphcmdb.api.graphql.itam.license_mutation import LicenseMutation
from graphcmdb.api.graphql.itam.license_query import LicenseQuery
from graphcmdb.api.graphql.itam.mutation import AssetMutation
from graphcmdb.api.graphql.itam.query import AssetQuery
from graphcmdb.api.graphql.itam.reconciliation_query import ReconciliationQuery


@strawberry.type
class ItamQuery(AssetQuery, ContractQuery, LicenseQuery, CostQuery, ReconciliationQuery):
    pass


@strawberry.type
class ItamMutation(AssetMutation, ContractMutation, LicenseMutation):
    pass
