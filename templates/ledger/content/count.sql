-- How many rows the table holds (turns with their twins), for `relayburn copy`'s report: one count instead of
-- streaming the whole table again.
SELECT count(*) AS n FROM content
