import Foundation

/// Compiles SQL files into one Swift source declaring `EmbeddedSQL.files`, the copy of `migrations/` and
/// `templates/` that `RelayburnSchema` links into every binary.
///
/// relayburn embeds its SQL as generated Swift rather than SwiftPM resources: on Linux a copied binary without
/// its `.resources` folder traps, and on the build machine it silently falls back to the build folder. The
/// `EmbedSQLPlugin` build-tool plugin runs this tool during every build, so the generated file lives in the
/// build folder and is never committed.
///
///     RelayburnEmbedSQL --root PACKAGE_ROOT --output EmbeddedSQL.swift [--stamp FILE] DIRECTORY ...
///
/// Every file below each DIRECTORY (relative to PACKAGE_ROOT), hidden files included, is embedded under its
/// path relative to the root (`templates/ledger/summary.sql`). The output depends only on those paths and the
/// files' bytes: entries are ordered by the Unicode scalars of their paths, so two builds of one tree produce
/// the same file. It is rewritten only when that text changes, so an unchanged tree costs no recompilation.
/// `--stamp` names a file rewritten on every run; see `EmbedSQLPlugin` for why.
@main
struct RelayburnEmbedSQL {
    static func main() {
        do {
            try Invocation(arguments: Array(CommandLine.arguments.dropFirst())).run()
        } catch {
            FileHandle.standardError.write(Data("RelayburnEmbedSQL: error: \(error)\n".utf8))
            exit(1)
        }
    }
}

/// One run of the generator: where the package is, what to embed and where to write it.
struct Invocation {
    let root: URL
    let output: URL
    let stamp: URL?
    let directories: [String]

    init(arguments: [String]) throws {
        var options: [String: String] = [:]
        var directories: [String] = []
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if ["--root", "--output", "--stamp"].contains(argument) {
                guard let value = remaining.popFirst() else { throw GeneratorError("\(argument) needs a value") }
                options[argument] = value
            } else {
                directories.append(argument)
            }
        }
        guard let root = options["--root"], let output = options["--output"], !directories.isEmpty else {
            throw GeneratorError(
                "usage: RelayburnEmbedSQL --root PACKAGE_ROOT --output FILE.swift [--stamp FILE] DIRECTORY ...")
        }
        self.root = URL(fileURLWithPath: root, isDirectory: true)
        self.output = URL(fileURLWithPath: output)
        self.stamp = options["--stamp"].map { URL(fileURLWithPath: $0) }
        self.directories = directories
    }

    func run() throws {
        var files: [(path: String, text: String)] = []
        for directory in directories {
            for path in try Self.filePaths(under: directory, in: root) {
                files.append((path, try Self.utf8Text(of: root.appendingPathComponent(path))))
            }
        }
        files.sort { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }
        let source = Data(EmbeddedSQLSource.render(files).utf8)
        if FileManager.default.contents(atPath: output.path) != source {
            try FileManager.default.createDirectory(
                at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
            try source.write(to: output, options: .atomic)
        }
        if let stamp {
            // Atomic, so the stamp gets a new inode as well as a new mtime: a change however coarse the clock.
            let note = "RelayburnEmbedSQL rewrites this file on every run, so SwiftPM runs it again next build.\n"
            try Data(note.utf8).write(to: stamp, options: .atomic)
        }
    }

    /// The root-relative paths, with `/` separators, of every non-directory entry below `directory`. A missing
    /// directory holds nothing; the catalog then says what it lacks.
    static func filePaths(under directory: String, in root: URL) throws -> [String] {
        let base = root.appendingPathComponent(directory)
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var paths: [String] = []
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            let full = base.appendingPathComponent(relative).path
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            paths.append(directory + "/" + relative)
        }
        return paths
    }

    /// The file's text, refusing anything that is not valid UTF-8 rather than embedding replacement characters
    /// that the file on disk does not contain.
    static func utf8Text(of file: URL) throws -> String {
        guard let bytes = FileManager.default.contents(atPath: file.path) else {
            throw GeneratorError("cannot read \(file.path)")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.elementsEqual(bytes) else {
            throw GeneratorError(
                "\(file.path) is not UTF-8 text (an editor's swap file?); every file in that directory is embedded, "
                    + "so keep only SQL templates there")
        }
        return text
    }
}

/// A sentence for whoever reads the build log.
struct GeneratorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
