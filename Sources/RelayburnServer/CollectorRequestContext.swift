public import Hummingbird
public import NIOCore

/// The per-request context: Hummingbird's core storage, the peer address for the access log and the connection
/// (a stream whose client stops reading is cut by closing it).
public struct CollectorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's address as NIO prints it, when known.
    public let remoteAddress: String?
    /// The connection the request arrived on.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        remoteAddress = source.channel.remoteAddress.map { address in
            address.ipAddress.map { "\($0):\(address.port ?? 0)" } ?? "\(address)"
        }
    }
}
