/// Turns page-at-a-time fetching into an element stream with backpressure: the next page is fetched only when
/// the consumer has drained the previous one, so memory stays bounded by one page whatever the result size.
public enum PagedStream {
    /// A page of results and the key to resume after; `nil` when this was the last page.
    public typealias Page<Element, Key> = (elements: [Element], next: Key?)

    public static func make<Element: Sendable, Key: Sendable>(
        _ fetch: @escaping @Sendable (_ after: Key?) async throws -> Page<Element, Key>
    ) -> AsyncThrowingStream<Element, any Error> {
        let cursor = Cursor<Element, Key>(fetch: fetch)
        return AsyncThrowingStream(unfolding: { try await cursor.next() })
    }

    private actor Cursor<Element: Sendable, Key: Sendable> {
        let fetch: @Sendable (Key?) async throws -> Page<Element, Key>
        var buffer: [Element] = []
        var position = 0
        var after: Key?
        var exhausted = false

        init(fetch: @escaping @Sendable (Key?) async throws -> Page<Element, Key>) {
            self.fetch = fetch
        }

        func next() async throws -> Element? {
            while position == buffer.count {
                if exhausted { return nil }
                let page = try await fetch(after)
                buffer = page.elements
                position = 0
                after = page.next
                exhausted = page.next == nil
            }
            defer { position += 1 }
            return buffer[position]
        }
    }
}
