import RelayburnLedger
import Testing

extension ConformanceSuite {
    /// 7b. Full-text search over content: every token must match, case-insensitively, in text and in tool
    /// results; filters apply; FTS syntax in the input is just text; results come in (ts, id) order.
    public static func scenario7ContentSearch(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let brave = try ConformanceFixtures.content(["text": "Hello, brave new World"])
            let goodbye = try ConformanceFixtures.content([
                "messageId": "msg-2", "ts": "2026-04-20T00:00:02.000Z", "text": "goodbye world",
            ])
            let result = try ConformanceFixtures.content([
                "sessionId": "s-2", "messageId": "msg-3", "ts": "2026-04-20T00:00:01.000Z", "role": "tool_result",
                "kind": "tool_result", "text": nil,
                "toolResult": ["toolUseId": "tu-1", "content": "build output: world peace achieved", "isError": false],
            ])
            #expect(try await store.appendContent([goodbye, result, brave]) == 3)

            func search(_ text: String, _ query: LedgerQuery = LedgerQuery()) async throws -> [String] {
                try await store.searchContent(text, query).collect().map(\.messageId)
            }
            #expect(try await search("world") == ["msg-1", "msg-3", "msg-2"])
            #expect(try await search("WORLD brave") == ["msg-1"])
            #expect(try await search("peace") == ["msg-3"])
            #expect(try await search("world", LedgerQuery(sessionId: "s-1")) == ["msg-1", "msg-2"])
            #expect(try await search("world", LedgerQuery(since: "2026-04-20T00:00:01.500Z")) == ["msg-2"])
            #expect(try await search("\"world\" OR") == [])
            #expect(try await search("  ,; ") == [])
            #expect(try await search("absent") == [])
        }
    }
}
