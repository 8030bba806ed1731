import RelayburnLedger
import Testing

extension ConformanceSuite {
    /// 10. withLock: re-entrant within one call chain; three concurrent holders never overlap; a wait beyond the
    /// timeout throws an error naming the lock. (The killed-process variant belongs to the process-level suites.)
    public static func scenario10Locks(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let nested = try await store.withLock("reentrant", timeoutMs: 2_000) {
                try await store.withLock("reentrant", timeoutMs: 2_000) { 42 }
            }
            #expect(nested == 42)

            let occupancy = Occupancy()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await store.withLock("shared", timeoutMs: 30_000) {
                            await occupancy.enter()
                            try await Task.sleep(for: .milliseconds(50))
                            await occupancy.leave()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(await occupancy.maximum == 1, "holders of one lock never overlap")
            #expect(await occupancy.entries == 3)

            let other = try await store.withLock("shared", timeoutMs: 1_000) {
                try await store.withLock("unrelated", timeoutMs: 1_000) { "both" }
            }
            #expect(other == "both")

            try await checkLockTimeout(store)
        }
    }

    private static func checkLockTimeout(_ store: any StorageAdapter) async throws {
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let (waited, waiterDone) = AsyncStream.makeStream(of: Void.self)
        // The holder keeps the lock until the waiter has given up, however slowly a loaded machine runs either.
        async let holder: Void = store.withLock("busy-lock", timeoutMs: 1_000) {
            signal.yield()
            for await _ in waited { break }
        }
        for await _ in started { break }
        do {
            _ = try await store.withLock("busy-lock", timeoutMs: 100) { true }
            Issue.record("a wait beyond the timeout must throw")
        } catch {
            #expect(String(describing: error).contains("busy-lock"), "the error names the lock: \(error)")
        }
        waiterDone.yield()
        try await holder
        #expect(try await store.withLock("busy-lock", timeoutMs: 1_000) { true }, "released after the holder")
    }

    /// 11. Two appenders writing the same 20 turns concurrently end with 20 stored, 20 reported new in total.
    public static func scenario11ConcurrentAppends(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let turns = try (0..<20).map { index in
                try ConformanceFixtures.turn([
                    "messageId": .string("msg-\(index)"), "turnIndex": .integer(Int64(index)),
                    "ts": .string("2026-04-20T00:00:\(index < 10 ? "0" : "")\(index).000Z"),
                ])
            }
            let total = try await withThrowingTaskGroup(of: Int.self) { group in
                group.addTask { try await store.appendTurns(turns) }
                group.addTask {
                    var added = 0
                    for chunk in stride(from: 0, to: 20, by: 5) {
                        added += try await store.appendTurns(Array(turns[chunk..<chunk + 5]).reversed())
                    }
                    return added
                }
                return try await group.reduce(0, +)
            }
            #expect(total == 20)
            #expect(try await store.turns(LedgerQuery(includeTwins: true)).count == 20)
            #expect(try await store.turns().count == 20)
        }
    }
}

/// Counts concurrent holders of a lock.
actor Occupancy {
    private var current = 0
    private(set) var maximum = 0
    private(set) var entries = 0

    func enter() {
        current += 1
        entries += 1
        maximum = max(maximum, current)
    }

    func leave() { current -= 1 }
}
