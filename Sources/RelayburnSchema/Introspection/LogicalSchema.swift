/// A database's schema reduced to what relayburn cares about: tables, columns (type, nullability, default), keys,
/// indexes (method, predicate, expressions, INCLUDE columns, validity), foreign keys and CHECKs, triggers and
/// views, in a deterministic order.
public struct LogicalSchema: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var name: String
        /// The declared type, lowercased (`integer`, `bigint`, `text`, `boolean`, ...).
        public var type: String
        public var isNotNull: Bool
        /// The default expression as the database prints it, or `nil`.
        public var defaultValue: String? = nil
    }

    public struct Index: Sendable, Equatable {
        public var name: String
        public var isUnique: Bool
        /// Key columns in order; an expression key as its text (`(expression)` where the database does not say).
        public var columns: [String]
        /// The access method (`btree` unless the migration chose another).
        public var method: String = "btree"
        /// The WHERE clause of a partial index, as the database prints it.
        public var predicate: String? = nil
        /// PostgreSQL's INCLUDE columns.
        public var included: [String] = []
        /// `false` for an index a failed `CREATE INDEX CONCURRENTLY` left INVALID (PostgreSQL): it exists, is kept
        /// up to date, and is never used.
        public var isValid = true
    }

    /// A foreign key or CHECK constraint.
    public struct Constraint: Sendable, Equatable {
        public var name: String
        /// `foreign key` or `check`.
        public var kind: String
        /// As the database prints it (`FOREIGN KEY (a) REFERENCES t(b)`, `CHECK ((n > 0))`).
        public var definition: String
    }

    public struct Table: Sendable, Equatable {
        public var name: String
        public var columns: [Column]
        public var primaryKey: [String]
        /// Sorted by name.
        public var indexes: [Index]
        /// SQLite virtual tables (FTS5).
        public var isVirtual: Bool
        /// Sorted by name.
        public var constraints: [Constraint] = []
    }

    public struct Trigger: Sendable, Equatable {
        public var name: String
        public var table: String
    }

    /// Sorted by name.
    public var tables: [Table]
    /// Sorted by table, then name.
    public var triggers: [Trigger]
    /// View names, sorted.
    public var views: [String]

    /// The schema without `tables` (and their triggers).
    public func leavingOut(_ names: Set<String>) -> LogicalSchema {
        LogicalSchema(
            tables: tables.filter { !names.contains($0.name) }, triggers: triggers.filter { !names.contains($0.table) },
            views: views)
    }

    public init(tables: [Table], triggers: [Trigger], views: [String] = []) {
        self.tables = tables.sorted { $0.name < $1.name }
        self.triggers = triggers.sorted { ($0.table, $0.name) < ($1.table, $1.name) }
        self.views = views.sorted()
    }

    /// The table named `name`, if present.
    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }
}
