/// How much raw transcript text an ingest pass keeps as ``ExtractedRecords/content``.
///
/// The raw values are the `ContentStoreMode` configuration strings of docs/records.md §2.1.
public enum ContentCaptureMode: String, Sendable, Hashable, CaseIterable {
    /// Emit content records with the verbatim text, tool inputs and tool results.
    case full
    /// Keep only the hashes the usage records already carry (`argsHash`, `contentHash`, edit hashes); no
    /// content records. The format note emits content "only in full content mode", so this differs from
    /// ``off`` only in what a store is told to keep, not in what the parser extracts.
    case hashOnly = "hash-only"
    /// Emit no content records.
    case off
}
