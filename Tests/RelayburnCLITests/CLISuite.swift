import Testing

/// Every CLI suite runs inside this one, one test at a time.
///
/// The tests wait for `relayburn` processes with blocking calls, which hold a thread of Swift's cooperative
/// pool (as wide as the machine has cores). Run side by side on a two-core CI runner they starve every async
/// test of threads for seconds, and timing-dependent checks (a lock's lease, a poll for a marker file) then
/// fail. Serialized, at most one thread is blocked; the concurrency under test comes from the processes the
/// tests start, not from running tests in parallel.
@Suite(.serialized) enum CLISuite {}
