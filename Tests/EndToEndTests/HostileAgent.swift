import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP server that answers every request with bytes a test scripts per path: the agent
/// as a hostile or broken peer. Plain sockets on a thread of its own; one response per connection,
/// then it closes (or, for `.hang`, holds the connection until the server stops).
final class HostileAgent: Sendable {
    /// What to send for one request.
    enum Reply: Sendable {
        /// A complete HTTP/1.1 response with this status, content type and body.
        case response(status: Int, contentType: String, body: [UInt8])
        /// Exactly these bytes, then close.
        case raw([UInt8])
        /// Nothing at all until the server stops.
        case hang
    }

    private let listener: Int32
    private let held = Mutex<[Int32]>([])
    private let stopped = Atomic<Bool>(false)
    /// The port it listens on.
    let port: Int

    /// Listens on 127.0.0.1 on a free port; `reply` maps the request path to what is sent.
    init(reply: @escaping @Sendable (String) -> Reply) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        } && listen(descriptor, 512) == 0
        guard ready else {
            close(descriptor)
            throw SimulateProcessError.noURIs(["hostile agent: bind/listen failed"])
        }
        listener = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
        let listener = descriptor
        Thread.detachNewThread { [self] in
            while !stopped.load(ordering: .relaxed) {
                let connection = accept(listener, nil, nil)
                if connection < 0 { return }
                Thread.detachNewThread { self.serve(connection, reply: reply) }
            }
        }
    }

    /// `http://127.0.0.1:<port>/api/<id>`.
    func agentURI(_ id: String) -> String { "http://127.0.0.1:\(port)/api/\(id)" }

    /// Stops accepting and closes every connection still held.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for connection in held.withLock({ $0 }) { shutdown(connection, Int32(SHUT_RDWR)) }
    }

    private func serve(_ connection: Int32, reply: @Sendable (String) -> Reply) {
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !head.containsHeadEnd, head.count < 65536 {
            let count = read(connection, &buffer, buffer.count)
            if count <= 0 { close(connection); return }
            head += buffer[0..<count]
        }
        let requestLine = String(decoding: head.prefix { $0 != 0x0D }, as: UTF8.self)
        let path = requestLine.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        switch reply(path) {
        case .response(let status, let contentType, let body):
            let header = "HTTP/1.1 \(status) Whatever\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            send(connection, Array(header.utf8) + body)
        case .raw(let bytes):
            send(connection, bytes)
        case .hang:
            held.withLock { $0.append(connection) }
            // Wait until stop() shuts the socket down or the client goes away.
            while read(connection, &buffer, buffer.count) > 0 {}
        }
        close(connection)
    }

    private func send(_ connection: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }
}

private extension Array where Element == UInt8 {
    var containsHeadEnd: Bool {
        count >= 4 && indices.dropLast(3).contains { self[$0] == 0x0D && self[$0 + 1] == 0x0A && self[$0 + 2] == 0x0D && self[$0 + 3] == 0x0A }
    }
}
