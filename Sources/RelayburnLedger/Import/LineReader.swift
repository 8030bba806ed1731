public import RelayburnSchema

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file line by line in constant memory (libc `getline`), without Foundation.
public final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    /// 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    /// - Throws: `ImportError` naming the path and the system's reason when it cannot be opened.
    public init(path: String) throws {
        guard let file = fopen(path, "r") else {
            throw ImportError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        self.file = file
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    /// The next line's bytes without its line ending, or `nil` at the end of the file.
    public func next() -> [UInt8]? {
        let length = getline(&buffer, &capacity, file)
        guard length >= 0, let buffer else { return nil }
        lineNumber += 1
        var count = length
        while count > 0, buffer[count - 1] == 10 || buffer[count - 1] == 13 { count -= 1 }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: count) {
            Array(UnsafeBufferPointer(start: $0, count: count))
        }
    }
}

@available(*, unavailable)
extension LineReader: Sendable {}

/// A file could not be imported at all (as opposed to single bad lines, which are counted).
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension ImportError: RelayburnError {
    public var errorCode: String { "import_failed" }
}
