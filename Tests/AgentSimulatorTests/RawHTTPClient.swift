import Foundation
import NIOCore
import NIOPosix

/// One HTTP/1.1 response exactly as it came over the wire.
struct RawResponse {
    let statusLine: String
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    var status: Int {
        statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? -1
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }

    var headerNames: [String] { headers.map(\.name) }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

struct RawHTTPError: Error, CustomStringConvertible {
    let description: String
}

/// A test client that writes raw request bytes and parses raw responses, so tests see exact
/// status lines, header order and body bytes.
final class RawConnection {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var buffer: [UInt8] = []
    private(set) var closedByPeer = false

    private init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    /// Connects to `host:port`, runs `body` with the connection, then closes it.
    static func with<T>(host: String = "127.0.0.1", port: Int, _ body: (RawConnection) async throws -> T) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(2))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(RawConnection(inbound: inbound, outbound: outbound))
        }
    }

    func send(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    /// Sends a request with `Host` and, when there is a body, `Content-Length`.
    func sendRequest(_ method: String, _ target: String, body: String? = nil, extraHeaders: [String] = []) async throws {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: sim\r\n"
        for header in extraHeaders { text += header + "\r\n" }
        if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        try await send(text)
    }

    /// Reads one complete response (head plus `Content-Length` body).
    func readResponse() async throws -> RawResponse {
        while true {
            if let response = try parseBuffered() { return response }
            guard try await readMore() else {
                throw RawHTTPError(description: "connection closed before a full response (\(buffer.count) bytes)")
            }
        }
    }

    /// Waits until the server closes the connection; `true` if it did, having read nothing else.
    func waitForPeerClose() async throws -> Bool {
        do {
            while try await readMore() {}
        } catch let error as IOError where error.errnoCode == ECONNRESET {
            // A close the kernel reports as a reset (e.g. the listener went away first) is still a close.
            closedByPeer = true
        }
        return buffer.isEmpty
    }

    private func readMore() async throws -> Bool {
        guard let chunk = try await inbound.next() else {
            closedByPeer = true
            return false
        }
        buffer.append(contentsOf: chunk.readableBytesView)
        return true
    }

    private func parseBuffered() throws -> RawResponse? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = buffer.indices.dropLast(3).first(where: { Array(buffer[$0..<$0 + 4]) == separator }) else {
            return nil
        }
        let lines = String(decoding: buffer[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let headers = lines.dropFirst().map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            let value = line[colon...].dropFirst().drop { $0 == " " }
            return (String(line[..<colon]), String(value))
        }
        guard let lengthText = headers.first(where: { $0.name.lowercased() == "content-length" })?.value,
              let length = Int(lengthText) else {
            throw RawHTTPError(description: "response without Content-Length: \(lines)")
        }
        let bodyStart = headEnd + 4
        guard buffer.count >= bodyStart + length else { return nil }
        let response = RawResponse(statusLine: lines[0], headers: headers,
                                   body: Array(buffer[bodyStart..<bodyStart + length]))
        buffer.removeFirst(bodyStart + length)
        return response
    }
}

