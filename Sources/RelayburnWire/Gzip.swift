import CZlib

/// gzip request bodies (server.md §2): the server inflates with a limit checked as output grows, so a small
/// body that inflates past it (a gzip bomb) is stopped at the limit, never expanded in full.
public enum Gzip {
    /// The inflated bytes of one gzip member.
    ///
    /// - Throws: ``GzipError/tooLarge`` as soon as the output passes `limit` bytes, ``GzipError/corrupt`` for a
    ///   truncated or damaged stream.
    public static func inflate(_ input: [UInt8], limit: Int) throws(GzipError) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16: a gzip header and trailer, not raw zlib.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while true {
                let result: Int32 = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkBuffer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > limit { return -100 }
                output.append(contentsOf: chunk[0..<produced])
                if result == Z_STREAM_END { return stream.avail_in == 0 ? Z_STREAM_END : -101 }
                if result != Z_OK { return result }
                if stream.avail_in == 0 && produced < chunk.count { return Z_BUF_ERROR }
            }
        }
        switch status {
        case Z_STREAM_END: return output
        case -100: throw .tooLarge
        case -101: throw .corrupt("the gzip body has bytes after its end")
        case Z_BUF_ERROR: throw .corrupt("the gzip body is truncated")
        default: throw .corrupt("the gzip body is damaged")
        }
    }

    /// `input` as one gzip member (default compression).
    public static func deflate(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        _ = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)
        )
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        var input = input
        let written: Int = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                _ = CZlib.deflate(&stream, Z_FINISH)
                return outputBuffer.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(written...)
        return output
    }
}

/// Why a gzip body was refused.
public enum GzipError: Error, Sendable, Equatable {
    /// Inflating passed the limit (413).
    case tooLarge
    /// Truncated or damaged (400).
    case corrupt(String)
}
