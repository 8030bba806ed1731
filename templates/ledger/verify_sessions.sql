-- Sessions whose rollup row (migration 0005, kept by upsert_session.sql) disagrees with their turns, for
-- `relayburn verify`: a row without turns, turns without a row, first/last seen other than the turns' earliest
-- and latest ts, a source no turn has, or a project that is absent while some turn has one (or that no turn has).
-- Every turn lookup is one turns_session range (session_id first) per session: joining sessions against an
-- aggregate of all turns, or letting SQLite's planner pick turns_project for the project check, took 34 s at
-- 200k turns. coalesce() on u.project keeps that index out. A healthy store returns no rows.
SELECT r.session_id AS session_id, 1 AS has_row, CASE WHEN r.turn_count = 0 THEN 0 ELSE 1 END AS has_turns,
       r.first_seen AS first_seen, r.first_ts AS first_ts, r.last_seen AS last_seen, r.last_ts AS last_ts,
       r.source AS source, r.project AS project
FROM (
    SELECT s.session_id, s.first_seen, s.last_seen, s.source, s.project,
           (SELECT count(*) FROM turns AS u WHERE u.session_id = s.session_id) AS turn_count,
           (SELECT min(u.ts) FROM turns AS u WHERE u.session_id = s.session_id) AS first_ts,
           (SELECT max(u.ts) FROM turns AS u WHERE u.session_id = s.session_id) AS last_ts,
           (SELECT count(*) FROM turns AS u WHERE u.session_id = s.session_id AND u.source = s.source) AS same_source,
           (SELECT count(u.project) FROM turns AS u WHERE u.session_id = s.session_id) AS with_project,
           (SELECT count(*) FROM turns AS u
            WHERE u.session_id = s.session_id AND coalesce(u.project, '') = coalesce(s.project, '')) AS same_project
    FROM sessions AS s
) AS r
WHERE r.turn_count = 0
   OR r.first_seen <> r.first_ts
   OR r.last_seen <> r.last_ts
   OR r.same_source = 0
   OR (r.project IS NULL AND r.with_project > 0)
   OR (r.project IS NOT NULL AND r.same_project = 0)
UNION ALL
SELECT DISTINCT t.session_id AS session_id, 0 AS has_row, 1 AS has_turns,
       NULL AS first_seen, NULL AS first_ts, NULL AS last_seen, NULL AS last_ts, NULL AS source, NULL AS project
FROM turns AS t
WHERE NOT EXISTS (SELECT 1 FROM sessions AS s WHERE s.session_id = t.session_id)
ORDER BY 1
