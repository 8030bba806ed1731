/// What a migration declares older binaries may do with a store that has it (DESIGN §9): its first comment lines
/// may say `-- relayburn: compat=additive`, `compat=read-only` or `compat=breaking`; none means breaking.
public enum MigrationCompatibility: String, Sendable, CaseIterable {
    /// Older binaries may read and write: only new tables, nullable columns, indexes.
    case additive
    /// Older binaries may read but must not write.
    case readOnly = "read-only"
    /// Older binaries must not touch the store.
    case breaking
}

/// The oldest catalogs that may still read and still write a store, as the newest migration version they must
/// know (0: any).
public struct CompatibilityFloors: Sendable, Equatable {
    public var read: Int
    public var write: Int

    public init(read: Int, write: Int) {
        self.read = read
        self.write = write
    }

    /// The floors after applying `version` with `compat` on top of these: additive keeps them, read-only raises
    /// the write floor to `version`, breaking raises both.
    public func after(_ version: Int, _ compat: MigrationCompatibility) -> CompatibilityFloors {
        switch compat {
        case .additive: self
        case .readOnly: CompatibilityFloors(read: read, write: version)
        case .breaking: CompatibilityFloors(read: version, write: version)
        }
    }
}

extension StringProtocol {
    func strippingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)).trimmingCharacters(in: " \t") : nil
    }
}
