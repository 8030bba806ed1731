#if canImport(Glibc)
    import Glibc
#endif
import RelayburnLedger

/// Finds Claude Code transcripts: the `.jsonl` files among the given paths, directories walked recursively.
public enum TranscriptFinder {
    /// Every transcript under `paths`, sorted, each once.
    ///
    /// - Throws: `ImportError` naming a path that does not exist.
    public static func transcripts(in paths: [String]) throws -> [String] {
        var found = Set<String>()
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                throw ImportError("\(path) does not exist; pass a Claude Code projects directory or .jsonl files")
            }
            if status.st_mode & S_IFMT == S_IFDIR {
                walk(path, into: &found)
            } else {
                found.insert(path)
            }
        }
        return found.sorted()
    }

    private static func walk(_ directory: String, into found: inout Set<String>) {
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            if status.st_mode & S_IFMT == S_IFDIR {
                walk(path, into: &found)
            } else if status.st_mode & S_IFMT == S_IFREG, name.hasSuffix(".jsonl") {
                found.insert(path)
            }
        }
    }
}
