/// Which part of a transcript one parse emits records for (format note §15).
struct PassWindow {
    /// Records of lines before this offset were emitted by an earlier pass; those lines only rebuild state.
    let start: Int
    /// Offset just after the last line that was read.
    let readEnd: Int
    /// Whether records that later lines could still change are held back (an incremental pass over a file that
    /// is still being written), or everything read is emitted (a whole-file parse, or a file that went quiet).
    let holdsBackUnfinished: Bool
    /// Whether a finished message whose tool calls have no result yet is held back too: the results decide the
    /// calls' `isError`, and a stored turn is never updated. The format note's reference emits such turns.
    let waitsForToolResults: Bool
}
