/// A database's schema reduced to what relayburn cares about: tables, columns, nullability, keys, indexes and
/// triggers, in a dialect-neutral, deterministic order.
public struct LogicalSchema: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var name: String
        /// The declared type, lowercased (`integer`, `bigint`, `text`, `boolean`, ...).
        public var type: String
        public var isNotNull: Bool
    }

    public struct Index: Sendable, Equatable {
        public var name: String
        public var isUnique: Bool
        /// Key columns in order; `(expression)` for an expression key.
        public var columns: [String]
    }

    public struct Table: Sendable, Equatable {
        public var name: String
        public var columns: [Column]
        public var primaryKey: [String]
        /// Sorted by name.
        public var indexes: [Index]
        /// SQLite virtual tables (FTS5).
        public var isVirtual: Bool
    }

    public struct Trigger: Sendable, Equatable {
        public var name: String
        public var table: String
    }

    /// Sorted by name.
    public var tables: [Table]
    /// Sorted by table, then name.
    public var triggers: [Trigger]

    /// The schema without `tables` (and their triggers).
    public func leavingOut(_ names: Set<String>) -> LogicalSchema {
        LogicalSchema(
            tables: tables.filter { !names.contains($0.name) }, triggers: triggers.filter { !names.contains($0.table) })
    }

    public init(tables: [Table], triggers: [Trigger]) {
        self.tables = tables.sorted { $0.name < $1.name }
        self.triggers = triggers.sorted { ($0.table, $0.name) < ($1.table, $1.name) }
    }

    /// The table named `name`, if present.
    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }
}
