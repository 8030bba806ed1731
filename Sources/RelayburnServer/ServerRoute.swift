import RelayburnLedger
import RelayburnWire

/// One route of server.md §1, parsed from a request path.
enum ServerRoute: Equatable {
    case healthz, readyz, metrics
    case limits, ingest, summary
    case contentSearch, contentSessions
    case contentSession(id: String)
    case prune
    case lock(name: String, action: LockAction)
    case records(RecordKind)

    enum LockAction: String { case acquire, renew, release }

    /// The route a path names, `nil` for none (404). A lock name that fails ``LockName`` still routes, so the
    /// handler can answer 400 `invalid_lock_name` rather than 404.
    init?(path: String) {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if segments.last == "" && segments.count > 1 { segments.removeLast() }
        switch segments.first {
        case "healthz" where segments.count == 1: self = .healthz
        case "readyz" where segments.count == 1: self = .readyz
        case "metrics" where segments.count == 1: self = .metrics
        case "v1":
            let rest = Array(segments.dropFirst())
            guard let route = Self.v1(rest) else { return nil }
            self = route
        default: return nil
        }
    }

    private static func v1(_ rest: [String]) -> ServerRoute? {
        switch rest.first {
        case "limits" where rest.count == 1: return .limits
        case "ingest" where rest.count == 1: return .ingest
        case "summary" where rest.count == 1: return .summary
        case "content" where rest.count > 1:
            switch rest[1] {
            case "search" where rest.count == 2: return .contentSearch
            case "prune" where rest.count == 2: return .prune
            case "sessions" where rest.count == 2: return .contentSessions
            case "sessions" where rest.count == 3:
                return PercentEncoding.decode(rest[2], plusIsSpace: false).map { .contentSession(id: $0) }
            default: return nil
            }
        case "locks" where rest.count >= 3:
            guard let action = LockAction(rawValue: rest[rest.count - 1]) else { return nil }
            // A name may hold "/" (sent raw or as %2F).
            let raw = rest[1..<(rest.count - 1)].joined(separator: "/")
            return PercentEncoding.decode(raw, plusIsSpace: false).map { .lock(name: $0, action: action) }
        case let name? where rest.count == 1:
            return RecordKind(routeName: name).map { .records($0) }
        default: return nil
        }
    }

    /// The path template, for logs and metric labels (never the concrete id or lock name).
    var template: String {
        switch self {
        case .healthz: "/healthz"
        case .readyz: "/readyz"
        case .metrics: "/metrics"
        case .limits: "/v1/limits"
        case .ingest: "/v1/ingest"
        case .summary: "/v1/summary"
        case .contentSearch: "/v1/content/search"
        case .contentSessions: "/v1/content/sessions"
        case .contentSession: "/v1/content/sessions/{id}"
        case .prune: "/v1/content/prune"
        case .lock(_, let action): "/v1/locks/{name}/\(action.rawValue)"
        case .records(let kind): "/v1/\(kind.routeName)"
        }
    }

    /// The methods the route answers (405 with `Allow` for any other).
    var methods: [String] {
        switch self {
        case .healthz, .readyz, .metrics, .limits, .summary, .contentSearch, .contentSessions, .contentSession:
            ["GET"]
        case .ingest, .prune, .lock: ["POST"]
        case .records: ["GET", "POST"]
        }
    }

    /// The scope a method on this route needs; `nil` for the unauthenticated probes.
    func scope(method: String) -> APIKeyScope? {
        switch self {
        case .healthz, .readyz: nil
        case .prune: .admin
        case .ingest, .lock: .write
        case .records: method == "POST" ? .write : .read
        default: .read
        }
    }
}
