/// How the runner executes a migration (DESIGN §5), from its `-- relayburn:` lines.
public enum MigrationKind: String, Sendable, Equatable {
    /// One transaction holding the migration lock: applied completely or not at all.
    case transactional
    /// `-- relayburn: no-transaction` (PostgreSQL): its statements, each idempotent, run one at a time outside any
    /// transaction under a session-level migration lock, so `CREATE INDEX CONCURRENTLY` can run. SQLite runs the
    /// same migration in one transaction, as any other.
    case noTransaction = "no-transaction"
    /// Transactional DDL followed by a `-- relayburn: backfill` section that fills rows in short keyset batches
    /// after the DDL has committed.
    case backfill
}

/// The `-- relayburn: backfill` section of a migration: two statements run once per batch, each batch in its own
/// short transaction (DESIGN §5).
///
/// The first selects the batch's last key and size, `max(key), count(*)` of the first `:batch_size` keys after
/// `:after`; the second fills the rows with keys in (`:after`, `:last`]. `:after` starts as the empty string. Both
/// use the database's own ordering, so the batches tile the table whatever its collation. A batch smaller than
/// `:batch_size` is the last: rows written after it are new code's to fill.
public struct BackfillSection: Sendable, Equatable {
    /// The batch-bound query, as a template with every other line of the migration blanked (locations stay exact).
    public let boundSource: TemplateSource
    /// The filling statement, likewise.
    public let fillSource: TemplateSource
    /// Rows per batch (`batch=N` on the marker line; 5,000 by default).
    public let batchSize: Int
    /// The marker's line, for messages.
    public let line: Int

    public static let defaultBatchSize = 5_000
}

/// Splits a migration's text into statements and sections without disturbing error locations: each piece is the
/// whole text with everything outside it blanked to spaces, so a rendered piece still maps to the file's own
/// lines and columns.
enum MigrationText {
    /// The `;`-terminated statements of `text` (string literals, quoted identifiers and `--` comments respected),
    /// as ranges of its Unicode scalars; pieces holding only blanks and comments are dropped.
    static func statementRanges(of scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var substantive = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "'", "\"":
                substantive = true
                index += 1
                while index < scalars.count, scalars[index] != scalar { index += 1 }
            case "-" where index + 1 < scalars.count && scalars[index + 1] == "-":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            case ";":
                if substantive { ranges.append(start..<(index + 1)) }
                start = index + 1
                substantive = false
            case " ", "\t", "\n", "\r":
                break
            default:
                substantive = true
            }
            index += 1
        }
        if substantive { ranges.append(start..<scalars.count) }
        return ranges
    }

    /// `source` with every scalar outside `range` (line breaks excepted) replaced by a space.
    static func keeping(_ range: Range<Int>, of scalars: [Unicode.Scalar], path: String) -> TemplateSource {
        var text = String.UnicodeScalarView()
        text.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            text.append(range.contains(index) || scalar == "\n" ? scalar : " ")
        }
        return TemplateSource(path: path, text: String(text))
    }

    /// The statements of `source`, each as a blanked copy of it.
    static func statements(of source: TemplateSource) -> [TemplateSource] {
        let scalars = Array(source.text.unicodeScalars)
        return statementRanges(of: scalars).map { keeping($0, of: scalars, path: source.path) }
    }

    /// The scalar offset where line `line` (1-based) starts.
    static func offset(ofLine line: Int, in scalars: [Unicode.Scalar]) -> Int {
        var current = 1
        for (index, scalar) in scalars.enumerated() where scalar == "\n" {
            current += 1
            if current == line { return index + 1 }
        }
        return scalars.count
    }
}
