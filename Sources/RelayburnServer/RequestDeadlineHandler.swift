import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request has not fully arrived `deadline` after its head did.
///
/// ``RequestBodyReader`` bounds a body the handler reads, but a body nobody reads — the rest of a request answered
/// 401, 413 or 415 before its body, or anything still trickling in after a 408 — is drained by Hummingbird before
/// the next request, and Hummingbird's idle timer restarts on every part. A client sending one byte just inside the
/// idle timeout would hold its connection (one of `--max-connections`) for ever; this bounds every request's
/// arrival, read or not.
final class RequestDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    /// From a request head to its connection being closed if the request is still arriving: twice the body
    /// timeout, and at least a second past it, so the body reader's own 408 (timed from when its handler starts,
    /// which a loaded server may delay) is written first.
    static func deadline(bodyTimeoutMs: Int64) -> TimeAmount {
        .milliseconds(bodyTimeoutMs + max(1_000, bodyTimeoutMs))
    }

    private let deadline: TimeAmount
    private var pending: Scheduled<Void>?

    /// `deadline` runs from each request head to its end.
    init(deadline: TimeAmount) {
        self.deadline = deadline
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            arm(context)
        case .body:
            break
        case .end:
            disarm()
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    private func arm(_ context: ChannelHandlerContext) {
        disarm()
        let channel = context.channel
        pending = context.eventLoop.scheduleTask(in: deadline) { channel.close(promise: nil) }
    }

    private func disarm() {
        pending?.cancel()
        pending = nil
    }
}
