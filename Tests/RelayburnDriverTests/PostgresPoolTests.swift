import RelayburnLedger
import RelayburnPostgres
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// The PostgreSQL store's session pool: bounded, and surviving sessions the server drops.
@Suite(.enabled(if: TestDatabase.postgresEnabled)) struct PostgresPoolTests {
    private func turns(_ range: Range<Int>, session: String = "pool-session", padding: Int = 0) throws
        -> [TurnRecord]
    {
        try range.map { index in
            try ConformanceFixtures.turn([
                "sessionId": .string(session), "messageId": .string("msg-\(index)"),
                "project": .string("/p/" + String(repeating: "x", count: padding)),
                "ts": .string("2026-01-01T00:00:00Z"),
                "usage": ["input": .integer(Int64(index)), "output": 1, "reasoning": 0, "cacheRead": 0,
                          "cacheCreate5m": 0, "cacheCreate1h": 0],
            ])
        }
    }

    private func count(_ database: TestDatabase, _ sql: String) async throws -> Int64 {
        try await database.rows(sql).first?.first?.integerValue ?? -1
    }

    private func terminate(_ database: TestDatabase, application: String, onlyRunning: String? = nil) async throws
        -> Int
    {
        var sql = """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = '\(application)'
            """
        if let onlyRunning { sql += " AND state = 'active' AND query LIKE '%\(onlyRunning)%'" }
        return try await database.rows(sql).count
    }

    @Test func droppedSessionsAreReplacedBetweenOperations() async throws {
        let database = try await TestDatabase.make(.postgres)
        let store = try await PostgresStore.open(
            conninfo: try #require(database.postgresURL), appliedBy: "pool-between", poolSize: 2)
        #expect(try await store.appendTurns(turns(0..<100)) == 100)
        #expect(try await terminate(database, application: "relayburn pool-between") >= 1)
        #expect(try await store.appendTurns(turns(100..<200)) == 100)
        var streamed = 0
        for try await _ in store.queryTurns(LedgerQuery()) { streamed += 1 }
        #expect(streamed == 200)
    }

    /// A stream is one query in single-row mode on a leased session (seen running on the server between
    /// pages); when that session is terminated mid-stream, the query resumes after the last row delivered on a
    /// new session, and every row arrives exactly once.
    @Test func aStreamOutlivesItsSession() async throws {
        let database = try await TestDatabase.make(.postgres)
        let store = try await PostgresStore.open(
            conninfo: try #require(database.postgresURL), appliedBy: "pool-stream", poolSize: 2)
        // ~40 MB of rows, far more than loopback socket buffers hold: the server is still sending (blocked on a
        // full socket) when the test looks early in the stream.
        #expect(try await store.appendTurns(turns(0..<10_000, padding: 4_000)) == 10_000)
        var seen: [String] = []
        for try await turn in store.queryTurns(LedgerQuery()) {
            seen.append(turn.turn.messageId)
            if seen.count == 500 {
                let activity = try await database.rows(
                    "SELECT state, left(query, 60) FROM pg_stat_activity WHERE application_name = 'relayburn pool-stream'")
                let killed = try await terminate(database, application: "relayburn pool-stream", onlyRunning: "FROM turns")
                #expect(killed == 1, "the streaming query was not running between pages: \(activity)")
            }
        }
        #expect(seen.count == 10_000)
        #expect(Set(seen).count == 10_000)
    }

    /// Streams never take a pool's last session, so writing to the store while iterating one of its streams
    /// cannot wait on itself, whatever the pool size.
    @Test(arguments: [1, 2])
    func writingWhileStreamingDoesNotWaitOnItself(poolSize: Int) async throws {
        let database = try await TestDatabase.make(.postgres)
        let store = try await PostgresStore.open(
            conninfo: try #require(database.postgresURL), appliedBy: "pool-nested", poolSize: poolSize)
        _ = try await store.appendTurns(turns(0..<1_500))
        var copied = 0
        for try await turn in store.queryTurns(LedgerQuery(sessionId: "pool-session")) {
            copied += try await store.appendTurns(turns(10_000 + copied..<10_001 + copied, session: "copy"))
            _ = turn
        }
        #expect(copied == 1_500)
    }

    /// The backend dies in the middle of a large batch's INSERT (a trigger makes it terminate itself at one
    /// row, once; a sequence remembers "once" across the rollback): the transaction dies with the session, the
    /// pool retries on a new one, and the batch is stored exactly once, whole.
    @Test func aBatchInterruptedByATerminatedBackendIsStoredWholeOnce() async throws {
        let database = try await TestDatabase.make(.postgres)
        let store = try await PostgresStore.open(
            conninfo: try #require(database.postgresURL), appliedBy: "pool-midbatch", poolSize: 1)
        try await database.execute(
            """
            CREATE SEQUENCE kill_once;
            CREATE FUNCTION kill_mid_batch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.message_id = 'msg-7000' AND nextval('kill_once') = 1 THEN
                    PERFORM pg_terminate_backend(pg_backend_pid());
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER kill_mid_batch BEFORE INSERT ON turns FOR EACH ROW EXECUTE FUNCTION kill_mid_batch();
            """)
        #expect(try await store.appendTurns(turns(0..<15_000, session: "big")) == 15_000)
        #expect(try await count(database, "SELECT last_value FROM kill_once") == 2, "killed once, then retried")
        #expect(try await count(database, "SELECT count(*) FROM turns") == 15_000)
        #expect(try await count(database, "SELECT count(*) FROM sessions WHERE session_id = 'big'") == 1)
    }

    @Test func thePoolNeverOpensMoreSessionsThanItsSize() async throws {
        let database = try await TestDatabase.make(.postgres)
        let store = try await PostgresStore.open(
            conninfo: try #require(database.postgresURL), appliedBy: "pool-bound", poolSize: 2)
        _ = try await store.appendTurns(turns(0..<50))
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var rows = 0
                    for try await _ in store.queryTurns(LedgerQuery()) { rows += 1 }
                    return rows
                }
            }
            for try await rows in group { #expect(rows == 50) }
        }
        let sessions = try await count(
            database, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'relayburn pool-bound'")
        #expect(sessions == 2)
    }
}
