import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import RelayburnLedger

/// Plain HTTP requests to a test server, to check exact statuses, headers and bodies.
struct RawClient {
    let baseURL: String

    struct Reply {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: JSONValue? { try? JSONValue.parse(body) }
        var errorCode: String? { json?["error"]?["code"]?.stringValue }
    }

    func send(
        _ method: HTTPMethod, _ path: String, key: String? = nil, headers: [(String, String)] = [],
        body: [UInt8]? = nil, contentType: String? = "application/json"
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        if body != nil, let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        var bytes: [UInt8] = []
        for try await buffer in response.body { bytes.append(contentsOf: buffer.readableBytesView) }
        return Reply(status: Int(response.status.code), headers: response.headers, body: bytes)
    }

    func post(_ path: String, key: String?, json: String, headers: [(String, String)] = []) async throws -> Reply {
        try await send(.POST, path, key: key, headers: headers, body: Array(json.utf8))
    }

    func get(_ path: String, key: String?) async throws -> Reply { try await send(.GET, path, key: key) }
}
