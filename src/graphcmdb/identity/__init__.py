"""The identification engine's pure part: normalisation, identity keys, matching rules.

Every writer of CIs — discovery, imports, the API — builds an ``Identity`` the same way
and asks ``match.identify`` which CI it is; the services lock and claim the keys.
"""
