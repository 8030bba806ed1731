-- Health check of a pooled connection that sat idle: one round trip that touches nothing.
SELECT 1
