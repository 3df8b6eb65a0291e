"""The HTTP edge: routes, public schemas, paging and problem details."""
