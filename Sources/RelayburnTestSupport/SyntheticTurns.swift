public import RelayburnSchema

/// Bulk rows in `turns` written by SQL alone, for migration tests that need a large table fast: ids
/// `t0000001`…, models `model-0`…`model-6` in `record_json`. Not valid ledger records beyond the columns.
public enum SyntheticTurns {
    /// The INSERT for `count` turns numbered from `first`, in `dialect`.
    public static func insert(_ count: Int, from first: Int = 1, dialect: SQLDialect) -> String {
        let last = first + count - 1
        let columns = """
            INSERT INTO turns (id, fingerprint, source, session_id, message_id, turn_index, ts, model, input_tokens,
                output_tokens, reasoning_tokens, cache_read_tokens, cache_create_5m_tokens, cache_create_1h_tokens,
                record_json)
            """
        let values = { (n: String, padded: String) in
            """
            SELECT 't' || \(padded), 'f' || \(n), 'claude-code', 's' || (\(n) % 100), 'm' || \(n), \(n),
                '2026-01-01T00:00:00.000Z', 'model-' || (\(n) % 7), \(n), 1, 0, 0, 0, 0,
                '{"model":"model-' || (\(n) % 7) || '"}'
            """
        }
        switch dialect {
        case .sqlite:
            return columns
                + "\nWITH RECURSIVE g(n) AS (SELECT \(first) UNION ALL SELECT n + 1 FROM g WHERE n < \(last))\n"
                + values("n", "printf('%07d', n)") + " FROM g"
        case .postgres:
            return columns + "\n" + values("g", "lpad(g::text, 7, '0')") + " FROM generate_series(\(first), \(last)) g"
        }
    }

    /// A migration (as a file's text) that adds `turns.region` and backfills it from `record_json` in batches.
    public static func regionBackfill(batch: Int = 5_000) -> String {
        """
        -- relayburn: compat=read-only
        -- Where each turn's model ran, backfilled from the stored records.
        ALTER TABLE turns ADD COLUMN region TEXT;

        -- relayburn: backfill batch=\(batch)
        SELECT max(id), count(*) FROM (SELECT id FROM turns WHERE id > :after ORDER BY id LIMIT :batch_size) AS batch;
        UPDATE turns SET region = {{json_text(record_json, 'model')}} WHERE id > :after AND id <= :last;

        """
    }

    /// A no-transaction migration building an index on `turns (model, ts)` concurrently.
    public static let concurrentIndex = """
        -- relayburn: compat=additive no-transaction
        -- An index built without blocking writers.
        CREATE INDEX {{CONCURRENTLY}} IF NOT EXISTS turns_model_ts ON turns (model, ts);

        """
}
