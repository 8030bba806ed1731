#if canImport(Glibc)
    import Glibc
#endif

/// A value behind a mutex, for the few process-wide settings that are written once at start-up and read from any
/// task (Synchronization's `Mutex` needs macOS 15; the package still builds for 14).
public final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private var mutex = pthread_mutex_t()

    public init(_ value: Value) {
        self.value = value
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    /// The current value.
    public var current: Value {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return value
    }

    /// Changes the value in place, atomically (appending to a collection shared by tasks).
    public func update(_ body: (inout Value) -> Void) {
        pthread_mutex_lock(&mutex)
        body(&value)
        pthread_mutex_unlock(&mutex)
    }

    /// Replaces the value.
    public func set(_ newValue: Value) {
        pthread_mutex_lock(&mutex)
        value = newValue
        pthread_mutex_unlock(&mutex)
    }
}
