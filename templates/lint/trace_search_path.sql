-- migrate lint --trace: the session's search path before the trace, and putting it back afterwards.
SELECT set_config('search_path', coalesce(:path, current_setting('search_path')), false)
