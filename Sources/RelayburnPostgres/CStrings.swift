/// Builds C string arrays whose pointers live only inside the closure, so none escapes `withCString`.
extension Array where Element == String {
    func withCStrings<Result>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result) -> Result {
        map(Optional.some).withOptionalCStrings(body)
    }
}

extension Array where Element == String? {
    func withOptionalCStrings<Result>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result) -> Result {
        // Copies into buffers this function owns and frees, rather than nesting withCString per element.
        let buffers: [UnsafeMutablePointer<CChar>?] = map { (element: String?) -> UnsafeMutablePointer<CChar>? in
            guard let element else { return nil }
            let bytes: ContiguousArray<CChar> = element.utf8CString
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
            bytes.withUnsafeBufferPointer { source in
                guard let base = source.baseAddress else { return }
                buffer.initialize(from: base, count: source.count)
            }
            return buffer
        }
        defer { buffers.forEach { $0?.deallocate() } }
        var pointers: [UnsafePointer<CChar>?] = buffers.map { $0.map { UnsafePointer($0) } }
        pointers.append(nil)
        return pointers.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { preconditionFailure("the array always holds its nil terminator") }
            return body(base)
        }
    }
}
